import * as z from 'zod/mini';

export { formatMoney } from './money-format.js';

/** Money is always an integer number of minor units (cents, pence), never a float. */
export const MinorUnits = z.number().check(z.int(), z.nonnegative());
