import * as z from 'zod/mini';

/** `YYYY-MM-DD`. */
export const IsoDate = z.iso.date();
/** ISO-8601 with an explicit offset, as the contract requires. */
export const IsoDateTime = z.iso.datetime({ offset: true });
