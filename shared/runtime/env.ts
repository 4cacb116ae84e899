import * as z from 'zod/mini';
// zod's English messages for the issues a schema does not word itself (kernel/zod-messages.ts).
import '../kernel/zod-messages.js';

/** Parse the environment once, fail fast with the names of what is missing (no silent defaults). */
export function readEnv<S extends z.core.$ZodShape>(shape: S, env: NodeJS.ProcessEnv = process.env) {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const missing = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${missing}`);
  }
  return result.data;
}
