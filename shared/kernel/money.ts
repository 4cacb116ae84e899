import * as z from 'zod';

export { formatMoney } from './money-format.js';

/** Money is always an integer number of minor units (cents, pence), never a float. */
export const MinorUnits = z.number().int().nonnegative();
