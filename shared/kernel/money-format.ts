import type { Currency } from './names.js';

/**
 * How money reads: the server's notices and the pages both use this one function. Zod-free, so a
 * page bundle can import it without pulling in the schemas.
 */
const formats = new Map<string, Intl.NumberFormat>();
/** "€30.00", "£23.50". `minor` is an integer number of cents or pence. */
export function formatMoney(minor: number, currency: Currency): string {
  let f = formats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat(currency === 'EUR' ? 'en-IE' : 'en-GB', { style: 'currency', currency });
    formats.set(currency, f);
  }
  return f.format(minor / 100);
}
