import { describe, expect, it } from 'vitest';
import { fixedClock, schemeIds } from '../../shared/kernel/index.js';
import { benefitSchemesToday } from '../../shared/payments/app/schemes.js';
import { ruleInWords, schemeInfoOn } from '../../shared/payments/domain/benefit-schemes.js';
import {
  type Invitee,
  inviteesToProject,
  type ProjectedSession,
  projectInvitee,
  projectionWindow,
} from '../../shared/payments/domain/projection.js';
import { type FigureName, type RulePack, rulePacks } from '../../shared/payments/domain/rule-packs.js';

/** `packs` with one more dated entry of one figure (a pack change, as next year's would be). */
function withFigure(scheme: keyof typeof rulePacks, name: FigureName, from: string, value: number) {
  const pack: RulePack = {
    ...rulePacks[scheme],
    figures: {
      ...rulePacks[scheme].figures,
      [name]: [...(rulePacks[scheme].figures[name] ?? []), { from, value, source: 'test figure' }],
    },
  };
  return { ...rulePacks, [scheme]: pack };
}

describe('what each benefit scheme means, from the rule packs', () => {
  it('reads as before with the figures in force today', () => {
    // Act
    const items = benefitSchemesToday(fixedClock('2026-11-26T12:00:00Z'));

    // Assess: the words the recruit form showed when the figures were written into them.
    expect(items.map((s) => s.id)).toEqual(schemeIds);
    expect(Object.fromEntries(items.map((s) => [s.id, s.means]))).toEqual({
      'IE.DA': 'You can earn up to a weekly amount without losing any of it. Above that, it is reduced.',
      'IE.CA': 'Paid or unpaid involvement counts toward an 18.5-hour weekly limit, and there is an income limit.',
      'IE.JA': 'A day with any paid activity counts as a day worked: no more than 3 a week, and about €20 a day.',
      'IE.JB': 'Any paid day reduces the payment for that week.',
      'IE.IB': 'No paid work without written permission from the Department of Social Protection.',
      'IE.IP': 'No paid work without written permission from the Department of Social Protection.',
      'IE.PCB': 'No earnings or hours limit once the work has been approved.',
      'UK.ESA_PW': 'Under 16 hours a week, and a weekly earnings limit (higher if you have told DWP on form PW1).',
      'UK.CA': 'Earning even £1 over the weekly limit loses the whole week.',
      'UK.UC': 'Earnings over your work allowance in a monthly assessment period reduce it by 55p for each £1.',
      'UK.PIP': 'Not affected by earnings.',
      NONE: 'Nothing to check.',
    });
    expect(items.find((s) => s.id === 'IE.CA')).toMatchObject({ jurisdiction: 'IE', name: "Carer's Allowance" });
  });

  it('changes its words when a pack’s figure changes, from the date it takes effect', () => {
    // Prepare: made-up figures for the test.
    const packs = {
      ...withFigure('IE.CA', 'weeklyHoursLimit', '2027-01-04', 20),
      'IE.JA': withFigure('IE.JA', 'dailyEarningsDisregardMinor', '2027-01-04', 2550)['IE.JA'],
      'UK.ESA_PW': withFigure('UK.ESA_PW', 'paidHoursBelow', '2027-04-05', 8)['UK.ESA_PW'],
    };

    // Act + Assess
    expect(schemeInfoOn('IE.CA', '2027-01-03', packs).means).toContain('an 18.5-hour weekly limit');
    expect(schemeInfoOn('IE.CA', '2027-01-04', packs).means).toContain('a 20-hour weekly limit');
    expect(schemeInfoOn('IE.JA', '2027-01-04', packs).means).toContain('about €25.50 a day');
    expect(schemeInfoOn('UK.ESA_PW', '2027-04-05', packs).means).toMatch(/^Under 8 hours a week/);
  });
});

describe('benefit projection warnings, from the rule packs', () => {
  const brid: Invitee = {
    participantId: 'brid',
    displayName: 'Bríd',
    jurisdiction: 'IE',
    constituency: 'lived-experience',
    benefits: [{ scheme: 'IE.CA' }],
  };
  /** Two hours at €25 an hour, on a Thursday. */
  const session = (startsAt: string): ProjectedSession => ({
    sessionId: 'now',
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 2 * 3_600_000).toISOString(),
    hourlyRateMinor: 2500,
    currency: 'EUR',
  });
  /** 17 hours (unpaid) already recorded in the session's week. */
  const seventeenHours = (monday: string) => ({
    [`week#${monday}`]: {
      earlier: { date: monday, earningsMinor: 0, allMicroHours: 17_000_000, paidMicroHours: 0, paidDay: false },
    },
  });

  it('names the hours limit with the figure in force, in the words used before', () => {
    // Act
    const warnings = projectInvitee({
      session: session('2026-03-05T09:00:00+00:00'),
      invitee: brid,
      ledgers: seventeenHours('2026-03-02'),
      planned: [],
    });

    // Assess
    expect(warnings).toEqual([
      {
        kind: 'benefit-projection',
        participantId: 'brid',
        message:
          "Attending this session would cross the Carer's Allowance weekly limit of 18.5 hours for Bríd. Involvement this week would be 19 hours. Carer's Allowance allows up to 18.5 hours a week of paid or voluntary involvement. Attending at all crosses it, whatever they are paid: talk to them before the session.",
      },
    ]);
  });

  it('changes the warning’s words when the pack’s figure changes', () => {
    // Prepare: the hours limit down to 16 from 4 January 2027 (a made-up figure for the test).
    const packs = withFigure('IE.CA', 'weeklyHoursLimit', '2027-01-04', 16);
    const project = (startsAt: string, monday: string) =>
      projectInvitee({
        session: session(startsAt),
        invitee: brid,
        ledgers: seventeenHours(monday),
        planned: [],
        packs,
      });

    // Act
    const before = project('2026-12-31T09:00:00+00:00', '2026-12-28');
    const after = project('2027-01-07T09:00:00+00:00', '2027-01-04');

    // Assess
    expect(before[0]?.message).toContain("the Carer's Allowance weekly limit of 18.5 hours for Bríd.");
    expect(after[0]?.message).toContain("the Carer's Allowance weekly limit of 16 hours for Bríd.");
    expect(after[0]?.message).toContain('allows up to 16 hours a week');
  });

  it('words the days and paid-hours rules from their figures too', () => {
    const days = withFigure('IE.JA', 'daysWorkedLimit', '2027-01-04', 2);
    const hours = withFigure('UK.ESA_PW', 'paidHoursBelow', '2027-01-04', 10);

    expect(ruleInWords('IE.JA', 'days-worked', '2026-06-01')).toBe('limit of 3 days worked a week');
    expect(ruleInWords('IE.JA', 'days-worked', '2027-01-04', days)).toBe('limit of 2 days worked a week');
    expect(ruleInWords('UK.ESA_PW', 'weekly-paid-hours-under-16', '2026-06-01')).toBe(
      'limit of under 16 paid hours a week',
    );
    expect(ruleInWords('UK.ESA_PW', 'weekly-paid-hours-under-16', '2027-01-04', hours)).toBe(
      'limit of under 10 paid hours a week',
    );
    expect(ruleInWords('UK.CA', 'some-new-rule', '2026-06-01')).toBe('some-new-rule');
  });

  it('counts a planned session at its own rate, and not one paid in another currency', () => {
    // Prepare: €150 already this week (IE.DA, €165 a week); the session is two hours at €25.
    const aoife: Invitee = { ...brid, participantId: 'aoife', displayName: 'Aoife', benefits: [{ scheme: 'IE.DA' }] };
    const ledgers = {
      'week#2026-03-02': {
        earlier: {
          date: '2026-03-02',
          earningsMinor: 10000,
          allMicroHours: 4_000_000,
          paidMicroHours: 4_000_000,
          paidDay: true,
        },
      },
    };
    const planned = (hourlyRateMinor: number | undefined, currency: 'EUR' | 'GBP') => [
      {
        sessionId: 'wed',
        startsAt: '2026-03-04T18:00:00+00:00',
        endsAt: '2026-03-04T19:00:00+00:00',
        hourlyRateMinor,
        currency,
      },
    ];
    const project = (p: ReturnType<typeof planned>) =>
      projectInvitee({ session: session('2026-03-05T18:00:00+00:00'), invitee: aoife, ledgers, planned: p });

    // Act + Assess: €100 + €50 fits; + €20 planned crosses; a planned session without a rate or in pounds adds no fee.
    expect(project([])).toEqual([]);
    expect(project(planned(2000, 'EUR'))[0]?.message).toContain(
      'This includes 1 other planned session in the same week, counted as if attended in full.',
    );
    expect(project(planned(undefined, 'EUR'))).toEqual([]);
    expect(project(planned(2000, 'GBP'))).toEqual([]);
  });

  it('projects nobody when the session pays nothing, and only lived experience with benefits in its currency', () => {
    const staff: Invitee = { ...brid, participantId: 'staff', constituency: 'provider' };
    const none: Invitee = { ...brid, participantId: 'none', benefits: [] };
    const uk: Invitee = { ...brid, participantId: 'uk', jurisdiction: 'UK', benefits: [{ scheme: 'UK.CA' }] };
    const s = session('2026-03-05T09:00:00+00:00');

    expect(inviteesToProject(s, [brid, staff, none, uk]).map((p) => p.participantId)).toEqual(['brid']);
    expect(inviteesToProject({ ...s, hourlyRateMinor: undefined }, [brid])).toEqual([]);
    expect(inviteesToProject({ ...s, hourlyRateMinor: 0 }, [brid])).toEqual([]);
  });

  it('asks for the schedule of the session’s week, or of the UC assessment period, with a day’s margin', () => {
    expect(projectionWindow(brid, '2026-03-05T09:00:00+00:00')).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-09T23:59:59.999Z',
    });
    const uc: Invitee = {
      ...brid,
      jurisdiction: 'UK',
      benefits: [{ scheme: 'UK.UC', workAllowanceMinor: 0, assessmentPeriodStartDay: 12 }],
    };
    expect(projectionWindow(uc, '2026-03-05T09:00:00+00:00')).toEqual({
      from: '2026-02-11T00:00:00.000Z',
      to: '2026-03-12T23:59:59.999Z',
    });
  });
});
