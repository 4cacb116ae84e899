import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson } from '../../shared/decisions/domain/canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves no whitespace', () => {
    // Prepare
    const value = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x y' } };
    // Act
    const out = canonicalJson(value);
    // Assess
    expect(out).toBe('{"a":{"c":"x y","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same text for the same value whatever order its keys were written in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });

  it('parses back to the value it was made from', () => {
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: false }), (value) => {
        // -0 has no JSON form of its own: JSON gives 0 for it, as JSON.stringify does.
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('orders keys by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, '10': 4, '9': 5 })).toBe('{"10":4,"9":5,"Z":3,"z":2,"é":1}');
  });

  it('escapes strings exactly as JSON does', () => {
    expect(canonicalJson({ s: 'line\nbreak "quoted" \u2028' })).toBe('{"s":"line\\nbreak \\"quoted\\" \u2028"}');
  });

  it('leaves out properties that are undefined, as DynamoDB does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it.each([
    ['NaN', { n: Number.NaN }],
    ['Infinity', { n: Number.POSITIVE_INFINITY }],
    ['undefined in an array', [1, undefined]],
    ['a Date', { d: new Date(0) }],
    ['a Map', new Map()],
    ['a bigint', { b: 1n }],
    ['a function', { f: () => 1 }],
  ])('refuses %s, which has no single JSON form', (_what, value) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
  });
});
