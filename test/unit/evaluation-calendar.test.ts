import { describe, expect, it } from 'vitest';
import { asOfDate, calendarDays, localDate, yearBounds } from '../../shared/evaluation/domain/calendar.js';

describe('the evaluation calendar', () => {
  it('bounds a year by local midnight on 1 January in Ireland', () => {
    // Prepare / Act
    const bounds = yearBounds(2026, 'IE');

    // Assess: Irish winter time is UTC+0
    expect(bounds).toEqual({ start: '2026-01-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' });
  });

  it('follows the zone when 1 January is not at UTC+0 (British Standard Time, all year from 1968 to 1971)', () => {
    // Prepare / Act
    const bounds = yearBounds(1970, 'UK');

    // Assess
    expect(bounds).toEqual({ start: '1969-12-31T23:00:00.000Z', end: '1970-12-31T23:00:00.000Z' });
  });

  it('refuses a year that is not a four-digit whole number', () => {
    // Prepare / Act / Assess
    expect(() => yearBounds(2026.5, 'IE')).toThrow(RangeError);
    expect(() => yearBounds(99, 'UK')).toThrow(RangeError);
  });

  it('counts calendar days on the local calendar, not in UTC', () => {
    // Prepare: 23:30 UTC on 29 March 2026 is 00:30 on 30 March in Dublin (summer time began that day)
    const proposed = '2026-03-28T12:00:00Z';
    const coSigned = '2026-03-29T23:30:00Z';

    // Act
    const days = calendarDays(proposed, coSigned, 'IE');

    // Assess
    expect(localDate(coSigned, 'IE')).toBe('2026-03-30');
    expect(days).toBe(2);
  });

  it('reads "in post" on 31 December once the year is over, on the day itself while it runs, never before', () => {
    // Prepare / Act / Assess
    expect(asOfDate(2026, '2027-02-01T09:00:00Z', 'IE')).toBe('2026-12-31');
    expect(asOfDate(2026, '2026-06-15T09:00:00+00:00', 'IE')).toBe('2026-06-15');
    // 23:30 UTC on 31 December 2025 is still 2025 in London
    expect(asOfDate(2026, '2025-12-31T23:30:00Z', 'UK')).toBeNull();
  });
});
