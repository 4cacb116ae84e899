import * as z from 'zod/mini';

/** Parse the environment once, fail fast with the names of what is missing (no silent defaults). */
export function readEnv<S extends z.core.$ZodShape>(shape: S, env: NodeJS.ProcessEnv = process.env) {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const missing = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${missing}`);
  }
  return result.data;
}
