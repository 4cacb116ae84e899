import type { FunctionSpec } from './types.js';

export const paymentFunctions: FunctionSpec[] = [];
