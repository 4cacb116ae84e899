import { describe, expect, it } from 'vitest';
import { assessmentPeriodOf, localDate, weekOf } from '../../shared/payments/domain/periods.js';

describe('benefit periods', () => {
  it('runs a week from Monday to Sunday', () => {
    expect(weekOf('2026-03-02')).toEqual({ kind: 'week', start: '2026-03-02', end: '2026-03-08' });
    expect(weekOf('2026-03-08')).toEqual({ kind: 'week', start: '2026-03-02', end: '2026-03-08' });
    expect(weekOf('2026-01-01')).toEqual({ kind: 'week', start: '2025-12-29', end: '2026-01-04' });
  });

  it('takes the local date in Dublin and London, across summer time', () => {
    expect(localDate('2026-03-29T23:30:00+00:00', 'Europe/Dublin')).toBe('2026-03-30');
    expect(localDate('2026-03-28T23:30:00+00:00', 'Europe/London')).toBe('2026-03-28');
    expect(localDate('2026-10-25T23:30:00+00:00', 'Europe/London')).toBe('2026-10-25');
  });

  it('starts a UC assessment period on the start day', () => {
    expect(assessmentPeriodOf('2026-03-11', 12)).toEqual({ kind: 'month', start: '2026-02-12', end: '2026-03-11' });
    expect(assessmentPeriodOf('2026-03-12', 12)).toEqual({ kind: 'month', start: '2026-03-12', end: '2026-04-11' });
    expect(assessmentPeriodOf('2026-01-05', 12)).toEqual({ kind: 'month', start: '2025-12-12', end: '2026-01-11' });
  });

  it('uses the month’s last day when the start day is past its end', () => {
    expect(assessmentPeriodOf('2026-02-28', 31)).toEqual({ kind: 'month', start: '2026-02-28', end: '2026-03-30' });
    expect(assessmentPeriodOf('2026-02-27', 31)).toEqual({ kind: 'month', start: '2026-01-31', end: '2026-02-27' });
    expect(assessmentPeriodOf('2028-02-29', 30)).toEqual({ kind: 'month', start: '2028-02-29', end: '2028-03-29' });
  });
});
