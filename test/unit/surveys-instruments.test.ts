import { describe, expect, it } from 'vitest';
import {
  catalogue,
  experienceV1,
  isReadyToAsk,
  pinInstruments,
  pinnedInstruments,
  QPR15_ITEM_COUNT,
  qpr15V1,
  withLicensedWording,
} from '../../shared/surveys/domain/instruments.js';

const fifteen = Array.from({ length: QPR15_ITEM_COUNT }, (_, i) => `Statement ${i + 1} as supplied by the deployment`);

describe('the experience questionnaire', () => {
  it('asks five agree-scale questions and one optional free-text question, version 1', () => {
    // Prepare, Act
    const scale = experienceV1.questions.filter((q) => q.kind === 'scale');
    const text = experienceV1.questions.filter((q) => q.kind === 'text');

    // Assess
    expect(experienceV1).toMatchObject({ id: 'experience', version: 1, wording: 'complete' });
    expect(scale.map((q) => q.id)).toEqual([
      'exp-listened',
      'exp-influence',
      'exp-fair',
      'exp-accessible',
      'exp-recommend',
    ]);
    expect(scale.every((q) => q.required)).toBe(true);
    expect(text).toEqual([expect.objectContaining({ id: 'exp-comments', required: false, maxLength: 2000 })]);
  });

  it('labels every point of its 5-point scale in plain words', () => {
    const q = experienceV1.questions[0]!;
    if (q.kind !== 'scale') throw new Error('expected a scale question');

    expect(q.scale.options.map((o) => `${o.value} ${o.label}`)).toEqual([
      '1 Strongly disagree',
      '2 Disagree',
      '3 Neither agree nor disagree',
      '4 Agree',
      '5 Strongly agree',
    ]);
  });

  it('is for every stakeholder group and ready to ask', () => {
    expect(experienceV1.audience).toEqual(['service-user', 'family-member', 'carer', 'provider']);
    expect(isReadyToAsk(experienceV1)).toBe(true);
  });
});

describe('QPR-15', () => {
  it('has 15 items scored 0–4 from "Disagree strongly" to "Agree strongly", total 0–60', () => {
    expect(qpr15V1.questions.map((q) => q.id)).toEqual(
      Array.from({ length: 15 }, (_, i) => `qpr15-${String(i + 1).padStart(2, '0')}`),
    );
    for (const q of qpr15V1.questions) {
      if (q.kind !== 'scale') throw new Error('expected scale items');
      expect(q.scale.options.map((o) => [o.value, o.label])).toEqual([
        [0, 'Disagree strongly'],
        [1, 'Disagree'],
        [2, 'Neither agree nor disagree'],
        [3, 'Agree'],
        [4, 'Agree strongly'],
      ]);
    }
    expect(qpr15V1.total).toMatchObject({ min: 0, max: 60 });
  });

  it('is stored without item wording, flagged as needing the licensed wording, and cannot be asked', () => {
    expect(qpr15V1.wording).toBe('licensed-wording-required');
    expect(qpr15V1.questions.every((q) => q.text === null)).toBe(true);
    expect(isReadyToAsk(qpr15V1)).toBe(false);
  });

  it('cites its source and terms of use', () => {
    expect(qpr15V1.source?.citation.join(' ')).toContain('Neil');
    expect(qpr15V1.source?.citation.join(' ')).toContain('Law H, Neil ST, Dunn G, Morrison AP (2014)');
    expect(qpr15V1.source?.terms).toContain('permission not required for use');
  });

  it('is asked of service users only', () => {
    expect(qpr15V1.audience).toEqual(['service-user']);
  });

  it('becomes askable once the deployment supplies its 15 statements, in order', () => {
    const ready = withLicensedWording(qpr15V1, fifteen);

    expect(isReadyToAsk(ready)).toBe(true);
    expect(ready.questions[14]!.text).toBe('Statement 15 as supplied by the deployment');
    expect(qpr15V1.questions[0]!.text).toBeNull();
  });

  it('refuses the wrong number of statements, or one that is not a plain line', () => {
    expect(() => withLicensedWording(qpr15V1, fifteen.slice(1))).toThrow('has 15 items; 14 texts were supplied');
    expect(() => withLicensedWording(qpr15V1, [...fifteen.slice(1), 'two\nlines'])).toThrow('one plain line');
    expect(() => withLicensedWording(experienceV1, [])).toThrow('already has its wording');
  });
});

describe('pinning instruments for a new survey', () => {
  it('pins the current versions', () => {
    const r = pinInstruments(['experience'], catalogue());

    expect(r).toEqual({ ok: true, instruments: [{ id: 'experience', version: 1 }] });
  });

  it('refuses QPR-15 while its wording is missing, naming the instrument to leave out', () => {
    const r = pinInstruments(['experience', 'qpr-15'], catalogue());

    expect(r).toMatchObject({ ok: false, path: 'instruments.1' });
    if (!r.ok) expect(r.message).toContain('QPR-15 cannot be used yet');
  });

  it('accepts QPR-15 when the catalogue has its wording', () => {
    expect(pinInstruments(['experience', 'qpr-15'], catalogue({ qpr15Wording: fifteen })).ok).toBe(true);
  });

  it('finds a survey’s pinned instruments, and none when a version is gone', () => {
    const cat = catalogue();

    expect(pinnedInstruments([{ id: 'experience', version: 1 }], cat)).toEqual([experienceV1]);
    expect(pinnedInstruments([{ id: 'experience', version: 2 }], cat)).toBeUndefined();
  });
});
