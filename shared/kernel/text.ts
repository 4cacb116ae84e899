/**
 * What text people type may hold. Names and free text refuse control characters (copy-and-paste
 * debris such as NUL, ESC, BEL), bidirectional override, embedding and isolate controls (they make
 * text display in a misleading order, U+202E "Trojan source"), broken surrogate halves, and — on one
 * line — line and paragraph separators (U+2028, U+2029). A name made only of invisible characters
 * (zero-width spaces and joiners, word joiners, byte-order marks) is blank. Zod-free, so the pages use
 * the same rules.
 */

/**
 * A whole number with thousands grouped by commas ("2,000"), as en-GB and en-IE write it. Not
 * `toLocaleString`: its first call loads ICU's locale data, 5–10 ms of a cold start when a message
 * is built at import (docs/performance.md).
 */
export const groupedNumber = (n: number): string => {
  const digits = String(Math.trunc(Math.abs(n)));
  return (n < 0 ? '-' : '') + digits.replace(/\B(?=(\d{3})+$)/g, ',');
};

/** Characters as a person counts them (code points, so an emoji is one). */
export const charCount = (s: string) => [...s].length;

const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff\u180e]/gu;

/** Nothing a person could see: empty, spaces only, or invisible characters only. */
export const isBlank = (s: string) => s.replace(INVISIBLE, '') === '';

/** Why a text would be refused, or undefined if it is fine. `multiline`: tabs and line breaks allowed. */
export function unsafeTextProblem(s: string, opts: { multiline?: boolean } = {}): string | undefined {
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const allowedBreak = opts.multiline === true && (cp === 0x09 || cp === 0x0a || cp === 0x0d);
    if ((cp < 0x20 && !allowedBreak) || (cp >= 0x7f && cp <= 0x9f)) {
      return 'This has a hidden control character in it (this can happen when copying and pasting). Retype that part and try again.';
    }
    if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
      return 'This has a hidden character that changes the direction text is shown in. Retype that part and try again.';
    }
    if (!opts.multiline && (cp === 0x2028 || cp === 0x2029)) {
      return 'This must be on one line. Remove the line break and try again.';
    }
    if (cp >= 0xd800 && cp <= 0xdfff) return 'This has a broken character in it. Retype that part and try again.';
  }
  return undefined;
}
