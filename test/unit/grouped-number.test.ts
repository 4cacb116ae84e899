import { describe, expect, it } from 'vitest';
import { groupedNumber } from '../../shared/kernel/text.js';

describe('groupedNumber', () => {
  it('writes a whole number as en-GB and en-IE do, without loading ICU', () => {
    const numbers = [
      0, 7, 42, 999, 1000, 2000, 12_345, 999_999, 1_000_000, 1_234_567, 9_007_199_254_740_991, -1, -1234,
    ];

    for (const n of numbers) {
      expect(groupedNumber(n), String(n)).toBe(n.toLocaleString('en-GB'));
      expect(groupedNumber(n), String(n)).toBe(n.toLocaleString('en-IE'));
    }
  });
});
