import * as z from 'zod/mini';

/** Schemas every route shares: pages of a list, their query parameters, and the error bodies. */

export const pageOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });

/** `?limit=`: a whole number from 1 to `max`, `fallback` when left out. */
export const limitParam = (max = 100, fallback = 50) => {
  const message = `Use a whole number from 1 to ${max}.`;
  return z.pipe(
    z.optional(
      z.pipe(
        z.pipe(z.string().check(z.regex(/^\d{1,6}$/, message)), z.transform(Number)),
        z.number().check(z.int(), z.gte(1, message), z.lte(max, message)),
      ),
    ),
    z.transform((n) => n ?? fallback),
  );
};

/** `?cursor=`: the `nextCursor` of the previous page, passed back as it was given. */
export const cursorParam = z.optional(z.string().check(z.maxLength(2048, 'This cursor is not one we gave out.')));

/** `limit` and `cursor` of a paginated list. */
export const pageQuery = (max = 100, fallback = 50) => ({ limit: limitParam(max, fallback), cursor: cursorParam });

export const FieldIssue = z.object({ path: z.string(), message: z.string() });
export const ValidationErrorBody = z.object({ error: z.literal('validation'), issues: z.array(FieldIssue) });
export const MessageErrorBody = z.object({
  error: z.enum(['conflict', 'forbidden', 'internal']),
  message: z.string(),
});
export const CodeErrorBody = z.object({ error: z.enum(['not_found', 'unauthorized']) });
