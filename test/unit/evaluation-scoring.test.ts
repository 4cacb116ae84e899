import { describe, expect, it } from 'vitest';
import {
  median,
  percent,
  promptDaysBands,
  samePoolBands,
  scoreFor,
  shareBands,
} from '../../shared/evaluation/domain/scoring.js';

describe('scores from stated bounds', () => {
  it('maps a share in fifths as Decidim does, a boundary going to the higher band', () => {
    // Prepare
    const shares = [0, 19.9, 20, 39.9, 40, 60, 79.9, 80, 100];

    // Act
    const scores = shares.map((s) => scoreFor(s, shareBands));

    // Assess
    expect(scores).toEqual([1, 1, 2, 2, 3, 4, 4, 5, 5]);
  });

  it('scores days at most a week 5, a fortnight 4, a month 3, two months 2, and longer 1', () => {
    // Prepare
    const days = [0, 7, 7.5, 14, 30, 30.5, 60, 61];

    // Act
    const scores = days.map((d) => scoreFor(d, promptDaysBands));

    // Assess
    expect(scores).toEqual([5, 5, 4, 4, 3, 2, 2, 1]);
  });

  it('scores same-pool concentration lower the more the top tenth makes of all attendances', () => {
    // Prepare / Act
    const scores = [10, 20, 20.1, 40, 50, 50.1, 100].map((s) => scoreFor(s, samePoolBands));

    // Assess
    expect(scores).toEqual([5, 5, 4, 3, 2, 1, 1]);
  });

  it('gives no score where there is no value', () => {
    // Prepare / Act / Assess
    expect(scoreFor(null, shareBands)).toBeNull();
    expect(scoreFor(null, promptDaysBands)).toBeNull();
  });

  it('takes the mean of the two middle values for an even count', () => {
    // Prepare / Act / Assess
    expect(median([10, 2, 7, 29])).toBe(8.5);
    expect(median([18, 4, 7])).toBe(7);
    expect(median([])).toBeNull();
  });

  it('gives a percentage with one decimal, and none of nothing', () => {
    // Prepare / Act / Assess
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(0, 4)).toBe(0);
    expect(percent(0, 0)).toBeNull();
  });
});
