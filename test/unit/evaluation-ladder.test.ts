import { describe, expect, it } from 'vitest';
import {
  type LadderAnswer,
  ladderGap,
  medianRungIndex,
  noAnswers,
  rungLabels,
  rungs,
  tallyLadder,
} from '../../shared/evaluation/domain/ladder.js';

describe('the ladder of co-production', () => {
  it('runs from coercion up to co-production, lowest first', () => {
    // Prepare / Act
    const order = [...rungs];

    // Assess
    expect(order).toEqual([
      'coercion',
      'educating',
      'informing',
      'consultation',
      'engagement',
      'co-design',
      'co-production',
    ]);
  });

  it('words every rung as a member would answer "How did this session feel?", in we and they', () => {
    // Prepare
    const labels = rungs.map((r) => rungLabels[r]);

    // Act
    const unfit = labels.filter((l) => l.length > 60 || !/\b(we|us|they)\b/i.test(l) || !l.endsWith('.'));

    // Assess
    expect(unfit).toEqual([]);
    expect(new Set(labels).size).toBe(rungs.length);
    expect(rungLabels.informing).toBe('They told us what they had decided.');
    expect(rungLabels.consultation).toBe('They asked what we thought.');
    expect(rungLabels['co-design']).toBe('We planned it together.');
  });

  it('tallies answers by constituency, with every rung present', () => {
    // Prepare
    const answers: LadderAnswer[] = [
      { constituency: 'lived-experience', rung: 'informing' },
      { constituency: 'lived-experience', rung: 'informing' },
      { constituency: 'lived-experience', rung: 'consultation' },
      { constituency: 'provider', rung: 'co-design' },
      { constituency: 'provider', rung: 'co-production' },
    ];

    // Act
    const tally = tallyLadder(answers);

    // Assess
    expect(tally.livedExperience).toEqual({ ...noAnswers(), informing: 2, consultation: 1 });
    expect(tally.provider).toEqual({ ...noAnswers(), 'co-design': 1, 'co-production': 1 });
    expect(Object.keys(tally.provider)).toEqual([...rungs]);
  });

  it('takes the mean of the two middle positions for an even number of answers', () => {
    // Prepare: positions 2, 2, 3, 5 (informing, informing, consultation, co-design)
    const counts = { ...noAnswers(), informing: 2, consultation: 1, 'co-design': 1 };

    // Act
    const middle = medianRungIndex(counts);

    // Assess
    expect(middle).toBe(2.5);
    expect(medianRungIndex(noAnswers())).toBeNull();
  });

  it('measures how many rungs higher providers placed it than lived-experience members did', () => {
    // Prepare
    const tally = tallyLadder([
      { constituency: 'lived-experience', rung: 'informing' },
      { constituency: 'lived-experience', rung: 'consultation' },
      { constituency: 'lived-experience', rung: 'consultation' },
      { constituency: 'provider', rung: 'co-design' },
    ]);

    // Act
    const gap = ladderGap(tally);

    // Assess: middle answers consultation (3) and co-design (5)
    expect(gap).toBe(2);
    expect(ladderGap(tallyLadder([{ constituency: 'provider', rung: 'co-design' }]))).toBeNull();
  });
});
