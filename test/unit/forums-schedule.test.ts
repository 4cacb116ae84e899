import { describe, expect, it } from 'vitest';
import { monthOf, monthsBetween } from '../../shared/forums/adapters/schedule-repo.js';
import { packGroups } from '../../shared/forums/app/invitation-sync.js';
import type { TxItem } from '../../shared/runtime/store/db.js';

describe('schedule months', () => {
  it('files a session under the UTC month of its start, whatever its offset', () => {
    expect(monthOf('2026-03-31T23:30:00-01:00')).toBe('2026-04');
    expect(monthOf('2026-04-01T00:30:00+01:00')).toBe('2026-03');
  });

  it('reads every month a window touches, across a year end, and one for a window inside a month', () => {
    expect(monthsBetween('2026-11-28T00:00:00.000Z', '2027-02-01T23:59:59.999Z')).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(monthsBetween('2026-03-02T06:00:00Z', '2026-03-02T20:00:00Z')).toEqual(['2026-03']);
  });
});

describe('packing invitation writes into transactions', () => {
  const group = (n: number) => Array.from({ length: n }, () => ({}) as TxItem);

  it('fills transactions up to 100 items without splitting an invitee’s writes', () => {
    const packs = packGroups(Array.from({ length: 40 }, () => group(3)));

    expect(packs.map((p) => p.flat().length)).toEqual([99, 21]);
    expect(packs.flat()).toHaveLength(40);
  });

  it('packs mixed group sizes and nothing at all', () => {
    expect(packGroups([group(2), group(3), group(3)], 5).map((p) => p.length)).toEqual([2, 1]);
    expect(packGroups([])).toEqual([]);
  });
});
