/**
 * Free-text safety for survey answers and titles. The same rule as the feedback context's
 * (`shared/feedback/domain/feedback.ts`); each context keeps its own copy until the kernel move
 * settles, because contexts may not import each other's domain.
 */

/** Characters as a person counts them (code points, so an emoji is one). */
export const charCount = (s: string) => [...s].length;

/**
 * Why a text would be refused, or undefined if it is fine. Line breaks and tabs are allowed;
 * other control characters, bidirectional override/embedding/isolate controls and broken
 * surrogate halves are refused. Left-to-right and right-to-left marks stay allowed.
 */
export function unsafeTextProblem(s: string): string | undefined {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if ((cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || (cp >= 0x7f && cp <= 0x9f)) {
      return 'The text has a hidden control character in it (this can happen when copying and pasting). Retype that part and try again.';
    }
    if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
      return 'The text has a hidden character that changes the direction text is shown in. Retype that part and try again.';
    }
    if (cp >= 0xd800 && cp <= 0xdfff) {
      return 'The text has a broken character in it. Retype that part and try again.';
    }
  }
  return undefined;
}
