import { describe, expect, it } from 'vitest';
import type { DeclaredBenefit, PaymentPreference } from '../../shared/kernel/index.js';
import {
  type AssessInput,
  type Assessment,
  assess,
  CurrencyMismatchError,
  decideChoice,
} from '../../shared/payments/domain/engine.js';
import { periodKey } from '../../shared/payments/domain/periods.js';
import { type Contribution, totalsOf } from '../../shared/payments/domain/totals.js';

/** A person's ledgers as the consumer keeps them: contributions per period, keyed by payment id. */
function person(opts: {
  jurisdiction: 'IE' | 'UK';
  benefits: DeclaredBenefit[];
  preference?: PaymentPreference;
  rateMinor: number;
}) {
  const ledgers: Record<string, Record<string, Contribution>> = {};
  let n = 0;
  const input = (startsAt: string, hours: number): AssessInput => {
    const totals = Object.fromEntries(Object.entries(ledgers).map(([k, entries]) => [k, totalsOf(entries)]));
    return {
      jurisdiction: opts.jurisdiction,
      startsAt,
      benefits: opts.benefits,
      hours,
      expensesMinor: 0,
      hourlyRateMinor: opts.rateMinor,
      currency: opts.jurisdiction === 'IE' ? 'EUR' : 'GBP',
      preference: opts.preference ?? 'ask',
      totals,
    };
  };
  return {
    input,
    attend(startsAt: string, hours: number): Assessment {
      const a = assess(input(startsAt, hours));
      n += 1;
      for (const key of Object.keys(a.periods.ledgers)) {
        ledgers[key] ??= {};
        ledgers[key][`p${n}`] = a.contribution;
      }
      return a;
    },
  };
}

describe('worked example: IE.DA at €25 an hour', () => {
  const aoife = person({ jurisdiction: 'IE', benefits: [{ scheme: 'IE.DA' }], rateMinor: 2500 });

  it('pays Monday and Wednesday, holds Friday with the disregard reason, and pays next Monday', () => {
    // Prepare: the week of Monday 2 March 2026.
    // Act
    const mon = aoife.attend('2026-03-02T18:00:00+00:00', 3);
    const wed = aoife.attend('2026-03-04T18:00:00+00:00', 3);
    const fri = aoife.attend('2026-03-06T18:00:00+00:00', 3);
    const nextMon = aoife.attend('2026-03-09T18:00:00+00:00', 3);
    // Assess
    expect([mon.status, mon.feeMinor]).toEqual(['due', 7500]);
    expect([wed.status, wed.feeMinor]).toEqual(['due', 7500]);
    expect(fri.status).toBe('held');
    expect(fri.reasons).toEqual([
      expect.objectContaining({
        scheme: 'IE.DA',
        rule: 'weekly-earnings-disregard',
        limitMinor: 16500,
        alreadyMinor: 15000,
        thisMinor: 7500,
        headroomMinor: 1500,
      }),
    ]);
    expect(fri.consequences).toEqual(['Disability Allowance reduced by about €30.00 that week.']);
    expect(fri.period).toEqual({ scheme: 'IE.DA', start: '2026-03-02', end: '2026-03-08' });
    expect(nextMon.status).toBe('due');
    expect(nextMon.period.start).toBe('2026-03-09');
  });

  it('never offers a reduced amount or charity in Ireland', () => {
    const p = person({ jurisdiction: 'IE', benefits: [{ scheme: 'IE.DA' }], rateMinor: 2500 });
    const held = p.attend('2026-03-02T10:00:00+00:00', 8);
    expect(held.status).toBe('held');
    expect(held.options).toEqual(['expenses-only', 'decline', 'full']);
  });

  it('states a cut at 100% above €375', () => {
    const p = person({ jurisdiction: 'IE', benefits: [{ scheme: 'IE.DA' }], rateMinor: 10000 });
    const held = p.attend('2026-03-02T10:00:00+00:00', 4); // €400: 50% of €210 + 100% of €25
    expect(held.consequences[0]).toBe('Disability Allowance reduced by about €130.00 that week.');
  });
});

describe('worked example: IE.CA hours', () => {
  it('holds a 2-hour session after 17 hours this week, whatever the fee', () => {
    // Prepare: 17 unpaid hours already recorded (a free forum), then a paid and an unpaid session.
    for (const rate of [2500, 0]) {
      const carer = person({ jurisdiction: 'IE', benefits: [{ scheme: 'IE.CA' }], rateMinor: 0 });
      carer.attend('2026-03-02T10:00:00+00:00', 17);
      const later = person({ jurisdiction: 'IE', benefits: [{ scheme: 'IE.CA' }], rateMinor: rate });
      const input = {
        ...later.input('2026-03-04T10:00:00+00:00', 2),
        totals: carer.input('2026-03-04T10:00:00+00:00', 2).totals,
      };
      // Act
      const a = assess(input);
      // Assess
      expect(a.status).toBe('held');
      expect(a.reasons[0]).toMatchObject({
        scheme: 'IE.CA',
        rule: 'weekly-hours-limit',
        limitHours: 18.5,
        alreadyHours: 17,
        thisHours: 2,
      });
      expect(a.options).toEqual(['expenses-only', 'decline', 'full']);
    }
  });

  it('counts a held session’s hours, so the next session that week sees them', () => {
    const carer = person({ jurisdiction: 'IE', benefits: [{ scheme: 'IE.CA' }], rateMinor: 2500 });
    carer.attend('2026-03-02T10:00:00+00:00', 18);
    const next = carer.attend('2026-03-03T10:00:00+00:00', 1);
    const third = carer.attend('2026-03-04T10:00:00+00:00', 0.5);
    expect(next.status).toBe('held');
    expect(third.reasons[0]).toMatchObject({ alreadyHours: 19 });
  });

  it('holds when earnings pass the disregard less other declared income', () => {
    const carer = person({
      jurisdiction: 'IE',
      benefits: [{ scheme: 'IE.CA', otherWeeklyIncomeMinor: 60000 }],
      rateMinor: 2500,
    });
    const a = carer.attend('2026-03-02T10:00:00+00:00', 2); // €50 > €625 − €600
    expect(a.reasons[0]).toMatchObject({ rule: 'weekly-income-disregard', limitMinor: 2500, headroomMinor: 2500 });
  });
});

describe('worked example: IE.JA days and daily earnings', () => {
  const ja = () => person({ jurisdiction: 'IE', benefits: [{ scheme: 'IE.JA' }], rateMinor: 1500 });

  it('holds the second €15 session on the same day: one day worked, €30 over €20', () => {
    const p = ja();
    const first = p.attend('2026-03-02T10:00:00+00:00', 1);
    const second = p.attend('2026-03-02T15:00:00+00:00', 1);
    expect(first.status).toBe('due');
    expect(second.status).toBe('held');
    expect(second.reasons).toEqual([
      expect.objectContaining({
        rule: 'daily-earnings-disregard',
        limitMinor: 2000,
        alreadyMinor: 1500,
        thisMinor: 1500,
      }),
    ]);
    expect(second.consequences).toEqual(["Jobseeker's Allowance reduced by about €6.00 that week."]);
  });

  it('pays one €15 session on each of Monday, Tuesday and Wednesday and holds a fourth day', () => {
    const p = ja();
    const days = ['02', '03', '04'].map((d) => p.attend(`2026-03-${d}T10:00:00+00:00`, 1));
    const thursday = p.attend('2026-03-05T10:00:00+00:00', 1);
    expect(days.map((d) => d.status)).toEqual(['due', 'due', 'due']);
    expect(thursday.status).toBe('held');
    expect(thursday.reasons).toEqual([
      expect.objectContaining({ scheme: 'IE.JA', rule: 'days-worked', limitDays: 3, alreadyDays: 3, thisDays: 1 }),
    ]);
  });

  it('counts days declared as worked elsewhere', () => {
    const p = person({ jurisdiction: 'IE', benefits: [{ scheme: 'IE.JA', otherDaysWorked: 3 }], rateMinor: 1500 });
    expect(p.attend('2026-03-02T10:00:00+00:00', 1).status).toBe('held');
  });
});

describe('IE.JB, IE.IB, IE.IP and schemes without limits', () => {
  it('holds any fee for Jobseeker’s Benefit', () => {
    const p = person({ jurisdiction: 'IE', benefits: [{ scheme: 'IE.JB' }], rateMinor: 1 });
    const a = p.attend('2026-03-02T10:00:00+00:00', 1);
    expect(a.reasons[0]).toMatchObject({ rule: 'any-paid-day', limitMinor: 0, thisMinor: 1 });
  });

  it('holds Illness Benefit without recorded permission and pays within a recorded permission', () => {
    const none = person({ jurisdiction: 'IE', benefits: [{ scheme: 'IE.IB' }], rateMinor: 2500 });
    const withPermission = person({
      jurisdiction: 'IE',
      benefits: [{ scheme: 'IE.IP', permissionRecorded: true, weeklyLimitMinor: 5000 }],
      rateMinor: 2500,
    });
    expect(none.attend('2026-03-02T10:00:00+00:00', 1).reasons[0]?.rule).toBe('written-permission');
    expect(withPermission.attend('2026-03-02T10:00:00+00:00', 2).status).toBe('due');
    expect(withPermission.attend('2026-03-03T10:00:00+00:00', 1).reasons[0]).toMatchObject({
      rule: 'permitted-work-limit',
      limitMinor: 5000,
      alreadyMinor: 5000,
    });
  });

  it('pays in full for Partial Capacity Benefit, PIP and no benefit', () => {
    for (const [jurisdiction, scheme] of [
      ['IE', 'IE.PCB'],
      ['UK', 'UK.PIP'],
      ['IE', 'NONE'],
    ] as const) {
      const p = person({ jurisdiction, benefits: [{ scheme }], rateMinor: 50000 });
      expect(p.attend('2026-03-02T10:00:00+00:00', 10).status).toBe('due');
    }
  });
});

describe('worked example: UK.ESA_PW at £30 an hour in the week of 20 April 2026', () => {
  it('with PW1: pays 6 hours, holds another hour with headroom £23.50', () => {
    const p = person({ jurisdiction: 'UK', benefits: [{ scheme: 'UK.ESA_PW', pw1Notified: true }], rateMinor: 3000 });
    const six = p.attend('2026-04-20T10:00:00+01:00', 6);
    const one = p.attend('2026-04-21T10:00:00+01:00', 1);
    expect([six.status, six.feeMinor]).toEqual(['due', 18000]);
    expect(one.status).toBe('held');
    expect(one.reasons).toEqual([
      expect.objectContaining({
        scheme: 'UK.ESA_PW',
        rule: 'permitted-work-higher-limit',
        limitMinor: 20350,
        alreadyMinor: 18000,
        thisMinor: 3000,
        headroomMinor: 2350,
      }),
    ]);
    expect(one.options).toEqual(['reduced', 'charity', 'expenses-only', 'decline', 'full']);
  });

  it('with cap-at-headroom: pays the £23.50 that keeps the limit', () => {
    const p = person({
      jurisdiction: 'UK',
      benefits: [{ scheme: 'UK.ESA_PW', pw1Notified: true }],
      preference: 'cap-at-headroom',
      rateMinor: 3000,
    });
    p.attend('2026-04-20T10:00:00+01:00', 6);
    const one = p.attend('2026-04-21T10:00:00+01:00', 1);
    expect(one.outcome).toBe('settled-by-preference');
    expect([one.status, one.feeMinor, one.resolution?.option]).toEqual(['due', 2350, 'reduced']);
  });

  it('without PW1: holds anything over £20.00 in the week', () => {
    const p = person({ jurisdiction: 'UK', benefits: [{ scheme: 'UK.ESA_PW' }], rateMinor: 2000 });
    expect(p.attend('2026-04-20T10:00:00+01:00', 1).status).toBe('due');
    const second = p.attend('2026-04-22T10:00:00+01:00', 0.05);
    expect(second.reasons[0]).toMatchObject({ rule: 'permitted-work-lower-limit', limitMinor: 2000, thisMinor: 100 });
  });

  it('holds a paid session that would make 16 paid hours, but not unpaid hours', () => {
    const p = person({ jurisdiction: 'UK', benefits: [{ scheme: 'UK.ESA_PW', pw1Notified: true }], rateMinor: 100 });
    p.attend('2026-04-20T10:00:00+01:00', 15);
    const paid = p.attend('2026-04-21T10:00:00+01:00', 1);
    expect(paid.reasons.map((r) => r.rule)).toEqual(['weekly-paid-hours-under-16']);
    expect(paid.headroomMinor).toBe(0);
    // A fee sent to charity is still paid work: it would not keep the hours rule, so it is not offered.
    expect(paid.options).toEqual(['expenses-only', 'decline', 'full']);
  });

  it('offers charity for an earnings breach and never lets a charity choice cross the hours rule', () => {
    const p = person({ jurisdiction: 'UK', benefits: [{ scheme: 'UK.ESA_PW' }], rateMinor: 1 });
    p.attend('2026-04-20T08:00:00+01:00', 7.5);
    const input = p.input('2026-04-20T08:00:00+01:00', 8.5); // 16 paid hours if paid at all
    const a = assess(input);
    expect(decideChoice(input, a.options, { option: 'charity' }).ok).toBe(false);
    const earnings = person({ jurisdiction: 'UK', benefits: [{ scheme: 'UK.ESA_PW' }], rateMinor: 3000 });
    expect(earnings.attend('2026-04-20T08:00:00+01:00', 1).options).toContain('charity');
  });
});

describe('worked example: UK.UC assessment periods', () => {
  it('puts sessions on 11 March and 12 March in different assessment periods when the start day is 12', () => {
    const p = person({
      jurisdiction: 'UK',
      benefits: [{ scheme: 'UK.UC', workAllowanceMinor: 68400, assessmentPeriodStartDay: 12 }],
      rateMinor: 3000,
    });
    const eleventh = p.attend('2026-03-11T10:00:00+00:00', 2);
    const twelfth = p.attend('2026-03-12T10:00:00+00:00', 2);
    expect(eleventh.period).toEqual({ scheme: 'UK.UC', start: '2026-02-12', end: '2026-03-11' });
    expect(twelfth.period).toEqual({ scheme: 'UK.UC', start: '2026-03-12', end: '2026-04-11' });
  });

  it('holds earnings over the work allowance and states the 55p taper', () => {
    const p = person({
      jurisdiction: 'UK',
      benefits: [{ scheme: 'UK.UC', workAllowanceMinor: 68400, assessmentPeriodStartDay: 12 }],
      rateMinor: 10000,
    });
    p.attend('2026-03-12T10:00:00+00:00', 6);
    const over = p.attend('2026-03-20T10:00:00+00:00', 1); // £700 − £684 = £16 over → £8.80
    expect(over.reasons[0]).toMatchObject({
      rule: 'work-allowance',
      limitMinor: 68400,
      alreadyMinor: 60000,
      headroomMinor: 8400,
    });
    expect(over.consequences[0]).toContain('Universal Credit reduced by about £8.80');
  });

  it('with no work allowance holds any fee', () => {
    const p = person({
      jurisdiction: 'UK',
      benefits: [{ scheme: 'UK.UC', assessmentPeriodStartDay: 1 }],
      rateMinor: 100,
    });
    expect(p.attend('2026-03-12T10:00:00+00:00', 1).status).toBe('held');
  });
});

describe('UK.CA', () => {
  it('holds earnings over the 2026/27 weekly limit of £204', () => {
    const p = person({ jurisdiction: 'UK', benefits: [{ scheme: 'UK.CA' }], rateMinor: 10000 });
    const a = p.attend('2026-04-20T10:00:00+01:00', 2.5);
    expect(a.reasons[0]).toMatchObject({ rule: 'weekly-earnings-limit', limitMinor: 20400, thisMinor: 25000 });
    expect(a.consequences[0]).toBe("The whole of that week's Carer's Allowance would be lost.");
  });
});

describe('standing preferences', () => {
  const heldFor = (preference: PaymentPreference) => {
    const p = person({ jurisdiction: 'IE', benefits: [{ scheme: 'IE.DA' }], preference, rateMinor: 2500 });
    return assess({ ...p.input('2026-03-02T10:00:00+00:00', 8), expensesMinor: 1240 });
  };

  it('pays only expenses for expenses-only and decline, in full for full, and asks otherwise', () => {
    expect([heldFor('expenses-only').status, heldFor('expenses-only').feeMinor]).toEqual(['due', 0]);
    expect([heldFor('decline').status, heldFor('decline').feeMinor, heldFor('decline').expensesMinor]).toEqual([
      'declined',
      0,
      1240,
    ]);
    expect([heldFor('full').status, heldFor('full').feeMinor]).toEqual(['due', 20000]);
    expect(heldFor('full').reasons).toHaveLength(1);
    expect(heldFor('ask').status).toBe('held');
    // Ireland never allows a reduced amount: cap-at-headroom asks.
    expect(heldFor('cap-at-headroom').status).toBe('held');
  });
});

describe('choices on a held payment', () => {
  const ukHeld = () => {
    const p = person({ jurisdiction: 'UK', benefits: [{ scheme: 'UK.ESA_PW', pw1Notified: true }], rateMinor: 3000 });
    p.attend('2026-04-20T10:00:00+01:00', 6);
    const input = p.input('2026-04-21T10:00:00+01:00', 1);
    return { input, offered: assess(input).options };
  };

  it('accepts a reduced amount up to the headroom and refuses one above it', () => {
    const { input, offered } = ukHeld();
    const ok = decideChoice(input, offered, { option: 'reduced', amountMinor: 2350 });
    const over = decideChoice(input, offered, { option: 'reduced', amountMinor: 2351 });
    expect(ok.ok && ok.resolution).toMatchObject({ status: 'due', feeMinor: 2350 });
    expect(over.ok ? [] : over.issues.map((i) => i.path)).toEqual(['amountMinor']);
  });

  it('needs adviceAcknowledged for full and refuses options not offered', () => {
    const { input, offered } = ukHeld();
    const noAdvice = decideChoice(input, offered, { option: 'full' });
    const notOffered = decideChoice(input, ['expenses-only', 'decline', 'full'], { option: 'charity' });
    expect(noAdvice.ok ? [] : noAdvice.issues.map((i) => i.path)).toEqual(['adviceAcknowledged']);
    expect(notOffered.ok ? [] : notOffered.issues.map((i) => i.path)).toEqual(['option']);
  });

  it('says "you" to the person choosing on their own payment, "the person" to a coordinator', () => {
    const { input, offered } = ukHeld();
    const own = decideChoice(input, offered, { option: 'full' }, 'self');
    const staff = decideChoice(input, offered, { option: 'full' });
    expect(own.ok ? [] : own.issues.map((i) => i.message)).toEqual([
      'Confirm you have been offered independent benefits advice and accept the effect on your benefits.',
    ]);
    expect(staff.ok ? [] : staff.issues.map((i) => i.message)).toEqual([
      'Confirm the person has been offered independent benefits advice and accepts the effect on their benefits.',
    ]);
  });

  it('settles decline as declined with no fee counted', () => {
    const { input, offered } = ukHeld();
    const d = decideChoice({ ...input, expensesMinor: 500 }, offered, { option: 'decline' });
    expect(d.ok && d.resolution).toMatchObject({ status: 'declined', feeMinor: 0, contribution: { earningsMinor: 0 } });
  });
});

describe('time zones', () => {
  it('puts 23:30 UTC on Sunday 29 March 2026 into the next Irish week (summer time)', () => {
    const p = person({ jurisdiction: 'IE', benefits: [{ scheme: 'IE.DA' }], rateMinor: 2500 });
    const a = p.attend('2026-03-29T23:30:00+00:00', 1);
    expect(a.localDate).toBe('2026-03-30');
    expect(Object.keys(a.periods.ledgers)).toEqual([
      periodKey({ kind: 'week', start: '2026-03-30', end: '2026-04-05' }),
    ]);
  });
});

describe('whether a payment choice can avoid each rule', () => {
  /** Each rule broken on its own: the person's history this week, then the session that crosses it. */
  const cases: {
    rule: string;
    jurisdiction: 'IE' | 'UK';
    benefits: DeclaredBenefit[];
    rateMinor: number;
    before: [string, number][];
    session: [string, number];
    avoidable: boolean;
  }[] = [
    {
      rule: 'weekly-earnings-disregard',
      jurisdiction: 'IE',
      benefits: [{ scheme: 'IE.DA' }],
      rateMinor: 2500,
      before: [['2026-03-02T18:00:00+00:00', 6]],
      session: ['2026-03-06T18:00:00+00:00', 3],
      avoidable: true,
    },
    {
      // Every attended hour counts for Carer's Allowance, paid or not: no choice keeps the rule.
      rule: 'weekly-hours-limit',
      jurisdiction: 'IE',
      benefits: [{ scheme: 'IE.CA' }],
      rateMinor: 100,
      before: [['2026-03-02T09:00:00+00:00', 12]],
      session: ['2026-03-05T09:00:00+00:00', 7],
      avoidable: false,
    },
    {
      rule: 'weekly-income-disregard',
      jurisdiction: 'IE',
      benefits: [{ scheme: 'IE.CA', otherWeeklyIncomeMinor: 60000 }],
      rateMinor: 2500,
      before: [],
      session: ['2026-03-02T10:00:00+00:00', 2],
      avoidable: true,
    },
    {
      // A day counts only when it has a paid session: expenses only or no fee keeps the rule.
      rule: 'days-worked',
      jurisdiction: 'IE',
      benefits: [{ scheme: 'IE.JA' }],
      rateMinor: 1500,
      before: [
        ['2026-03-02T10:00:00+00:00', 1],
        ['2026-03-03T10:00:00+00:00', 1],
        ['2026-03-04T10:00:00+00:00', 1],
      ],
      session: ['2026-03-05T10:00:00+00:00', 1],
      avoidable: true,
    },
    {
      rule: 'daily-earnings-disregard',
      jurisdiction: 'IE',
      benefits: [{ scheme: 'IE.JA' }],
      rateMinor: 1500,
      before: [['2026-03-02T10:00:00+00:00', 1]],
      session: ['2026-03-02T15:00:00+00:00', 1],
      avoidable: true,
    },
    {
      rule: 'any-paid-day',
      jurisdiction: 'IE',
      benefits: [{ scheme: 'IE.JB' }],
      rateMinor: 2500,
      before: [],
      session: ['2026-03-02T10:00:00+00:00', 1],
      avoidable: true,
    },
    {
      rule: 'written-permission',
      jurisdiction: 'IE',
      benefits: [{ scheme: 'IE.IB' }],
      rateMinor: 2500,
      before: [],
      session: ['2026-03-02T10:00:00+00:00', 1],
      avoidable: true,
    },
    {
      rule: 'permitted-work-limit',
      jurisdiction: 'IE',
      benefits: [{ scheme: 'IE.IP', permissionRecorded: true, weeklyLimitMinor: 5000 }],
      rateMinor: 2500,
      before: [],
      session: ['2026-03-02T10:00:00+00:00', 3],
      avoidable: true,
    },
    {
      // Only paid hours count for permitted work: an unpaid session keeps the rule.
      rule: 'weekly-paid-hours-under-16',
      jurisdiction: 'UK',
      benefits: [{ scheme: 'UK.ESA_PW', pw1Notified: true }],
      rateMinor: 100,
      before: [['2026-04-20T10:00:00+01:00', 15]],
      session: ['2026-04-21T10:00:00+01:00', 1],
      avoidable: true,
    },
    {
      rule: 'permitted-work-higher-limit',
      jurisdiction: 'UK',
      benefits: [{ scheme: 'UK.ESA_PW', pw1Notified: true }],
      rateMinor: 3000,
      before: [['2026-04-20T10:00:00+01:00', 6]],
      session: ['2026-04-21T10:00:00+01:00', 1],
      avoidable: true,
    },
    {
      rule: 'permitted-work-lower-limit',
      jurisdiction: 'UK',
      benefits: [{ scheme: 'UK.ESA_PW' }],
      rateMinor: 3000,
      before: [],
      session: ['2026-04-21T10:00:00+01:00', 1],
      avoidable: true,
    },
    {
      rule: 'weekly-earnings-limit',
      jurisdiction: 'UK',
      benefits: [{ scheme: 'UK.CA' }],
      rateMinor: 3000,
      before: [],
      session: ['2026-04-21T10:00:00+01:00', 7],
      avoidable: true,
    },
    {
      rule: 'work-allowance',
      jurisdiction: 'UK',
      benefits: [{ scheme: 'UK.UC', assessmentPeriodStartDay: 1 }],
      rateMinor: 3000,
      before: [],
      session: ['2026-04-21T10:00:00+01:00', 1],
      avoidable: true,
    },
  ];

  it.each(cases)('marks $rule avoidable by choice: $avoidable', (c) => {
    // Prepare
    const p = person({ jurisdiction: c.jurisdiction, benefits: c.benefits, rateMinor: c.rateMinor });
    for (const [startsAt, hours] of c.before) p.attend(startsAt, hours);
    const input = p.input(...c.session);
    // Act
    const held = assess(input);
    const unpaid = assess({ ...input, hourlyRateMinor: 0 });
    // Assess: the flag, and that it tells the truth (with no fee the rule is kept exactly when avoidable).
    const reason = held.reasons.find((r) => r.rule === c.rule);
    expect(reason?.avoidableByChoice).toBe(c.avoidable);
    expect(unpaid.reasons.some((r) => r.rule === c.rule)).toBe(!c.avoidable);
  });
});

describe('currencies', () => {
  it('refuses to assess a fee in a currency other than the one of the person’s jurisdiction', () => {
    // Prepare: a UK participant on ESA (£20 lower limit) and a fee of €19 an hour.
    const input: AssessInput = {
      jurisdiction: 'UK',
      startsAt: '2026-04-21T10:00:00+01:00',
      benefits: [{ scheme: 'UK.ESA_PW' }],
      hours: 1,
      expensesMinor: 0,
      hourlyRateMinor: 1900,
      currency: 'EUR',
      preference: 'ask',
      totals: {},
    };
    // Act + Assess
    expect(() => assess(input)).toThrow(CurrencyMismatchError);
    expect(() => assess(input)).toThrow(/EUR.*UK.*GBP/);
    expect(() => decideChoice(input, ['decline'], { option: 'decline' })).toThrow(CurrencyMismatchError);
  });
});
