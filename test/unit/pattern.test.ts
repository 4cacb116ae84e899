import { describe, expect, it } from 'vitest';
import { allEvents } from '../../events/index.js';
import { matchesPattern } from '../../shared/local/pattern.js';

// Cases follow AWS's documented semantics:
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html and eb-create-pattern-operators.html
const event = {
  source: 'coproduce.payments',
  'detail-type': 'PaymentDue',
  detail: {
    metadata: { version: 1 },
    data: { feeMinor: 7500, currency: 'EUR', tags: ['a', 'b'], reference: 'CP-123', note: null },
  },
};

describe('local bus pattern matcher', () => {
  it('matches exact values with OR inside an array and AND across fields', () => {
    expect(matchesPattern(event, { source: ['coproduce.payments', 'x'], 'detail-type': ['PaymentDue'] })).toBe(true);
    expect(matchesPattern(event, { source: ['coproduce.payments'], 'detail-type': ['PaymentHeld'] })).toBe(false);
  });

  it('compares by JSON type: the string "1" does not match the number 1', () => {
    expect(matchesPattern(event, { detail: { metadata: { version: [1] } } })).toBe(true);
    expect(matchesPattern(event, { detail: { metadata: { version: ['1'] } } })).toBe(false);
  });

  it('matches nested fields and fails when a field is missing', () => {
    expect(matchesPattern(event, { detail: { data: { currency: ['EUR'] } } })).toBe(true);
    expect(matchesPattern(event, { detail: { data: { missing: ['EUR'] } } })).toBe(false);
  });

  it('matches an array value when any element matches', () => {
    expect(matchesPattern(event, { detail: { data: { tags: ['b', 'z'] } } })).toBe(true);
    expect(matchesPattern(event, { detail: { data: { tags: ['z'] } } })).toBe(false);
  });

  it('matches null only with null', () => {
    expect(matchesPattern(event, { detail: { data: { note: [null] } } })).toBe(true);
    expect(matchesPattern(event, { detail: { data: { reference: [null] } } })).toBe(false);
  });

  it('supports prefix, suffix and anything-but (value, list and prefix)', () => {
    expect(matchesPattern(event, { detail: { data: { reference: [{ prefix: 'CP-' }] } } })).toBe(true);
    expect(matchesPattern(event, { detail: { data: { reference: [{ suffix: '124' }] } } })).toBe(false);
    expect(matchesPattern(event, { detail: { data: { currency: [{ 'anything-but': 'GBP' }] } } })).toBe(true);
    expect(matchesPattern(event, { detail: { data: { currency: [{ 'anything-but': ['EUR', 'GBP'] }] } } })).toBe(false);
    expect(matchesPattern(event, { detail: { data: { reference: [{ 'anything-but': { prefix: 'CP-' } }] } } })).toBe(
      false,
    );
  });

  it('does not let anything-but match a missing field', () => {
    expect(matchesPattern(event, { detail: { data: { missing: [{ 'anything-but': 'x' }] } } })).toBe(false);
  });

  it('supports numeric ranges', () => {
    expect(matchesPattern(event, { detail: { data: { feeMinor: [{ numeric: ['>', 0, '<=', 7500] }] } } })).toBe(true);
    expect(matchesPattern(event, { detail: { data: { feeMinor: [{ numeric: ['<', 7500] }] } } })).toBe(false);
    expect(matchesPattern(event, { detail: { data: { currency: [{ numeric: ['>', 0] }] } } })).toBe(false);
  });

  it('supports exists true and false', () => {
    expect(matchesPattern(event, { detail: { data: { feeMinor: [{ exists: true }] } } })).toBe(true);
    expect(matchesPattern(event, { detail: { data: { missing: [{ exists: true }] } } })).toBe(false);
    expect(matchesPattern(event, { detail: { data: { missing: [{ exists: false }] } } })).toBe(true);
    expect(matchesPattern(event, { detail: { data: { feeMinor: [{ exists: false }] } } })).toBe(false);
  });

  it('refuses operators it does not implement rather than matching differently from AWS', () => {
    expect(() => matchesPattern(event, { detail: { data: { reference: [{ wildcard: 'CP-*' }] } } })).toThrow(
      /Unsupported/,
    );
    expect(() => matchesPattern(event, { source: 'coproduce.payments' })).toThrow(/arrays or objects/);
  });

  it('routes each contract by its own pattern and no other contract', () => {
    for (const contract of allEvents) {
      const e = { source: contract.source, 'detail-type': contract.detailType, detail: { metadata: { version: 1 } } };
      const matching = allEvents.filter((c) => matchesPattern(e, c.pattern));
      expect(matching.map((c) => c.detailType)).toEqual([contract.detailType]);
    }
  });

  it('does not route a newer version to a rule for version 1', () => {
    const [contract] = allEvents;
    const e = { source: contract!.source, 'detail-type': contract!.detailType, detail: { metadata: { version: 2 } } };
    expect(matchesPattern(e, contract!.pattern)).toBe(false);
  });
});
