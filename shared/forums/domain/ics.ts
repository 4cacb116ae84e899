/**
 * A small iCalendar (RFC 5545) writer for session invites: the few properties a session needs,
 * written by hand instead of with a library (the `ics` package brought a schema validator into the
 * forums function and wrote lines by characters, not octets).
 *
 * - Text values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11).
 * - Lines longer than 75 octets are folded (CRLF + one space), never inside a UTF-8 character
 *   (§3.1): "Cáit's" counts á as two octets.
 * - Parameter values with `:`, `;` or `,` are quoted (§3.2), and quotes are not allowed in them.
 */

const CRLF = '\r\n';
const encoder = new TextEncoder();

export const escapeText = (value: string): string =>
  value
    .replaceAll('\\', '\\\\')
    .replaceAll(';', '\\;')
    .replaceAll(',', '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');

/** A parameter value: quoted when it holds `:`, `;` or `,`; double quotes and control characters dropped. */
export const paramValue = (value: string): string => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  const clean = value.replace(/["\u0000-\u001f\u007f]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
};

/** Folds one content line at 75 octets; continuation lines start with a space (which counts). */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // the leading space of a continuation line is one of its 75 octets
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

export type IcsProperty = readonly [name: string, value: string];

/** Lines joined with CRLF, each folded, ending with CRLF (as RFC 5545 requires of the last line too). */
export const writeLines = (lines: readonly string[]): string => `${lines.map(foldLine).join(CRLF)}${CRLF}`;

/** `20260302T180000Z` from an ISO instant. */
export const utcStamp = (iso: string): string => `${new Date(iso).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
