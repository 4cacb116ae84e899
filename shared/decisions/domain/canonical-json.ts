/**
 * Canonical JSON: the one byte-for-byte form a value is hashed in, so a hash computed when an audit
 * entry is written can be recomputed from the entry as read back from DynamoDB.
 *
 * - object keys sorted by UTF-16 code units (JavaScript's default sort), recursively;
 * - no whitespace;
 * - strings and numbers serialised as JSON.stringify does (ECMAScript rules);
 * - object properties whose value is `undefined` are left out (DynamoDB drops them too).
 *
 * For the values we hash (strings, integers, booleans, null, arrays, plain objects) this matches
 * RFC 8785 (JSON Canonicalization Scheme). Anything that has no single JSON form is refused rather
 * than silently coerced: NaN/Infinity, undefined inside arrays, functions, symbols, bigints, Dates,
 * Maps and other non-plain objects.
 */
export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
}

export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path}: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value
          .map((v, i) => {
            if (v === undefined) throw new CanonicalJsonError(`${path}[${i}]: undefined in an array`);
            return write(v, `${path}[${i}]`);
          })
          .join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new CanonicalJsonError(`${path}: only plain objects can be canonicalised`);
      }
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v, `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`${path}: a ${typeof value} has no JSON form`);
  }
}
