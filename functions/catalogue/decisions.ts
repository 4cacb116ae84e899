import type { FunctionSpec } from './types.js';

export const decisionFunctions: FunctionSpec[] = [];
