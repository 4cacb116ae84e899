import * as z from 'zod';
import type { Currency } from './names.js';

/** Money is always an integer number of minor units (cents, pence), never a float. */
export const MinorUnits = z.number().int().nonnegative();

const formats = new Map<string, Intl.NumberFormat>();
/** "€30.00", "£23.50". */
export function formatMoney(minor: number, currency: Currency): string {
  let f = formats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat(currency === 'EUR' ? 'en-IE' : 'en-GB', { style: 'currency', currency });
    formats.set(currency, f);
  }
  return f.format(minor / 100);
}
