import { describe, expect, expectTypeOf, it } from 'vitest';
import { toJSONSchema, type z } from 'zod/mini';
import { type Evaluation, evaluate } from '../../shared/evaluation/domain/indicators.js';
import {
  EvaluationResponse,
  LadderAnswerInput,
  RoleInput,
  SelfAssessmentInput,
  SelfAssessmentPath,
  StaffActivityInput,
} from '../../shared/evaluation/http/schemas.js';

const issues = (r: z.core.util.SafeParseResult<unknown>) =>
  r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));

const activity = (over: Record<string, unknown> = {}) => ({
  kind: 'reflective-practice',
  title: 'Team reflective practice: recovery in our words',
  date: '2026-03-02',
  hours: 1.5,
  areaId: 'cho5-waterford',
  attendees: ['01JPROVIDER1', '01JPROVIDER2'],
  coFacilitators: ['01JLIVEDEXP1'],
  ...over,
});

describe('evaluation request schemas', () => {
  it('accepts a rung of the ladder and names the choices for anything else', () => {
    // Prepare / Act
    const good = LadderAnswerInput.safeParse({ rung: 'co-design' });
    const bad = LadderAnswerInput.safeParse({ rung: 'partnership' });
    const extra = LadderAnswerInput.safeParse({ rung: 'co-design', participantId: 'x' });

    // Assess
    expect(good.success).toBe(true);
    expect(issues(bad)).toEqual([
      {
        path: 'rung',
        message:
          'Choose how it felt: one of coercion, educating, informing, consultation, engagement, co-design, co-production.',
      },
    ]);
    expect(extra.success).toBe(false);
  });

  it('accepts a staff activity in quarter hours up to 24', () => {
    // Prepare / Act
    const results = [0.25, 1.5, 24].map((hours) => StaffActivityInput.safeParse(activity({ hours })).success);

    // Assess
    expect(results).toEqual([true, true, true]);
  });

  it('refuses hours that are not a positive number of quarter hours up to 24, saying what to enter', () => {
    // Prepare / Act
    const messages = [0, 0.3, 24.25].map((hours) => issues(StaffActivityInput.safeParse(activity({ hours }))));

    // Assess
    expect(messages).toEqual([
      [{ path: 'hours', message: 'The hours must be more than 0.' }],
      [{ path: 'hours', message: 'Enter the hours in quarter hours, like 0.75 or 1.5.' }],
      [{ path: 'hours', message: 'The hours can be at most 24.' }],
    ]);
  });

  it('refuses a title with a hidden control or text-direction character', () => {
    // Prepare
    const titles = ['Reflective\u202Epractice', 'Reflective\u2066practice', 'Reflective\u0007practice', 'Two\nlines'];

    // Act
    const failed = titles.map((title) => issues(StaffActivityInput.safeParse(activity({ title })))[0]?.path);

    // Assess
    expect(failed).toEqual(['title', 'title', 'title', 'title']);
  });

  it('bounds the attendee list, and refuses none, repeats and someone listed on both sides', () => {
    // Prepare
    const many = Array.from({ length: 501 }, (_, i) => `P${i}`);

    // Act
    const tooMany = issues(StaffActivityInput.safeParse(activity({ attendees: many })));
    const none = issues(StaffActivityInput.safeParse(activity({ attendees: [] })));
    const twice = issues(StaffActivityInput.safeParse(activity({ attendees: ['P1', 'P1'] })));
    const both = issues(StaffActivityInput.safeParse(activity({ attendees: ['P1'], coFacilitators: ['P1'] })));
    const fine = StaffActivityInput.safeParse(activity({ attendees: many.slice(0, 500) }));

    // Assess
    expect(tooMany).toEqual([
      { path: 'attendees', message: 'List at most 500 attendees; record a bigger event as several.' },
    ]);
    expect(none).toEqual([{ path: 'attendees', message: 'List at least one provider who attended.' }]);
    expect(twice).toEqual([{ path: 'attendees', message: 'Each attendee can be listed once.' }]);
    expect(both[0]?.path).toBe('coFacilitators.0');
    expect(fine.success).toBe(true);
  });

  it('refuses an unknown field on a staff activity', () => {
    // Prepare / Act
    const result = StaffActivityInput.safeParse(activity({ location: 'Room 2' }));

    // Assess
    expect(result.success).toBe(false);
  });

  it('takes a role with an FTE above 0 and up to 1, ending on or after it starts', () => {
    // Prepare
    const role = { role: 'peer-support-worker', from: '2026-02-01', fte: 0.5 };

    // Act
    const open = RoleInput.safeParse(role);
    const oneDay = RoleInput.safeParse({ ...role, to: '2026-02-01', fte: 1 });
    const zero = issues(RoleInput.safeParse({ ...role, fte: 0 }));
    const over = issues(RoleInput.safeParse({ ...role, fte: 1.01 }));
    const backwards = issues(RoleInput.safeParse({ ...role, to: '2026-01-31' }));

    // Assess
    expect(open.success).toBe(true);
    expect(oneDay.success).toBe(true);
    expect(zero).toEqual([{ path: 'fte', message: 'The FTE must be more than 0.' }]);
    expect(over[0]?.path).toBe('fte');
    expect(backwards).toEqual([{ path: 'to', message: 'The end date must be on or after the start date.' }]);
  });

  it('takes evidence of up to 2,000 characters, with line breaks', () => {
    // Prepare
    const evidence = `Paid within a week.\n${'x'.repeat(1980)}`;

    // Act
    const fits = SelfAssessmentInput.safeParse({ rating: 'in-place', evidence });
    const tooLong = issues(SelfAssessmentInput.safeParse({ rating: 'in-place', evidence: 'x'.repeat(2001) }));
    const flipped = issues(SelfAssessmentInput.safeParse({ rating: 'in-place', evidence: 'ok \u202E' }));

    // Assess
    expect(fits.success).toBe(true);
    expect(tooLong).toEqual([{ path: 'evidence', message: 'The evidence can be at most 2000 characters.' }]);
    expect(flipped[0]?.message).toMatch(/changes the direction of the text/);
  });

  it('takes only Table 3’s nine actions in the self-assessment path', () => {
    // Prepare / Act
    const good = SelfAssessmentPath.safeParse({ areaId: 'cho5-waterford', year: '2026', action: 'remuneration' });
    const bad = issues(SelfAssessmentPath.safeParse({ areaId: 'cho5-waterford', year: '26', action: 'payments' }));

    // Assess
    expect(good.success).toBe(true);
    expect(bad.map((i) => i.path)).toEqual(['year', 'action']);
  });
});

describe('the evaluation response schema', () => {
  const full = (): Evaluation =>
    evaluate({
      areaId: 'cho5-waterford',
      year: 2026,
      jurisdiction: 'IE',
      generatedAt: '2027-01-20T09:00:00+00:00',
      sessions: [{ sessionId: 's1', heldOn: '2026-03-02', presenceMet: true }],
      decisions: [],
      payments: [],
      attendances: { thisYear: [{ participantId: 'le1', attendances: 2 }], lastYear: [] },
      staffActivities: [],
      providers: ['pr1'],
      roles: [],
      ladder: { sessions: [{ constituency: 'provider', rung: 'co-design' }], decisions: [] },
      selfAssessments: [
        {
          action: 'evaluation',
          view: 'provider',
          rating: 'planned',
          evidence: 'Draft',
          recordedAt: '2026-11-01T10:00:00Z',
        },
      ],
      feedback: [],
      surveys: [],
    });

  it('describes what evaluate() returns, and nothing more', () => {
    // Prepare
    const e = full();

    // Act
    const parsed = EvaluationResponse.safeParse(e);
    const withExtra = EvaluationResponse.safeParse({ ...e, extra: true });

    // Assess
    expect(issues(parsed)).toEqual([]);
    expect(withExtra.success).toBe(false);
    expectTypeOf<Evaluation>().toExtend<z.infer<typeof EvaluationResponse>>();
  });

  it('turns into JSON Schema without custom keywords', () => {
    // Prepare / Act
    const schema = JSON.stringify(toJSONSchema(EvaluationResponse));

    // Assess
    expect(schema).not.toMatch(/"x-/);
    expect(JSON.parse(schema).required).toEqual([
      'areaId',
      'year',
      'generatedAt',
      'indicators',
      'overallScore',
      'ladder',
      'samePool',
      'selfAssessment',
      'notes',
    ]);
  });
});
