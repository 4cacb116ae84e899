import type { FunctionSpec } from './types.js';

export const forumFunctions: FunctionSpec[] = [];
