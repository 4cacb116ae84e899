import { describe, expect, it } from 'vitest';
import { benefitsAdvice } from '../../shared/participants/index.js';
import {
  CHOICE_DAYS,
  chooseBy,
  coordinatorHeldMessage,
  longDay,
  memberHeldMessage,
} from '../../shared/payments/domain/held-notices.js';

const held = {
  paymentId: 'pay_0123',
  jurisdiction: 'IE' as const,
  sessionDate: '2026-03-06',
  // Held at 23:30 UTC on Friday 6 March: still Friday in Dublin (winter time).
  createdAt: '2026-03-06T23:30:00+00:00',
  fullFeeMinor: 7500,
  expensesMinor: 1240,
  currency: 'EUR' as const,
};
const base = 'https://coproduce.example.org/';

describe('the held-payment notices', () => {
  it('gives the person 14 days from the day it was held, on their own calendar', () => {
    expect(CHOICE_DAYS).toBe(14);
    expect(chooseBy(held)).toBe('2026-03-20');
    // 23:30 UTC on 28 June is already 29 June in Dublin (summer time).
    expect(chooseBy({ jurisdiction: 'IE', createdAt: '2026-06-28T23:30:00+00:00' })).toBe('2026-07-13');
    expect(longDay('2026-03-20', 'IE')).toBe('Friday 20 March 2026');
    expect(longDay('2026-03-20', 'UK')).toBe('Friday 20 March 2026');
  });

  it('tells the person, as "you", what waits, by when, where to choose, that it is theirs, free advice and who to contact', () => {
    const { subject, text } = memberHeldMessage(
      held,
      { displayName: 'Aoife' },
      benefitsAdvice.IE,
      'coordinators@example.org',
      base,
    );
    expect(subject).toBe('Your payment for Friday 6 March 2026 is waiting for your choice');
    expect(text).toContain('Hello Aoife,');
    expect(text).toContain('waiting for your choice');
    expect(text).toContain('the fee of €75.00');
    expect(text).toContain('Your expenses of €12.40 are paid back whatever you choose.');
    expect(text).toContain('Please choose by Friday 20 March 2026:');
    expect(text).toContain('https://coproduce.example.org/payments/held?id=pay_0123');
    expect(text).toContain('The choice is yours.');
    expect(text).toContain('Free, independent advice about benefits is available from:');
    expect(text).toContain('- Citizens Information: https://www.citizensinformation.ie/en/social-welfare/');
    expect(text).toContain('contact your coordinator at coordinators@example.org');
  });

  it('names no benefit, limit or reduction in either email (email is less private than the pages)', () => {
    const member = memberHeldMessage(held, { displayName: 'Aoife' }, benefitsAdvice.IE, 'c@example.org', base);
    const coordinators = coordinatorHeldMessage(held, { displayName: 'Aoife', areaId: 'cho5-waterford' }, true, base);
    for (const m of [member, coordinators]) {
      const all = `${m.subject}\n${m.text}`;
      expect(all).not.toMatch(/IE\.|UK\.|Disability|Allowance|Jobseeker|ESA|Universal Credit|limit|headroom|reduc/i);
      expect(all).not.toMatch(/€165|€15\.00|€30\.00/);
    }
  });

  it('tells the coordinators whose payment, which session, by when, the link, and whether the person was emailed', () => {
    const person = { displayName: 'Aoife', areaId: 'cho5-waterford' };
    const emailed = coordinatorHeldMessage(held, person, true, base);
    const notEmailed = coordinatorHeldMessage(held, person, false, base);
    expect(emailed.subject).toBe("A payment is waiting for Aoife's choice (area cho5-waterford)");
    expect(emailed.text).toContain('Session: Friday 6 March 2026');
    expect(emailed.text).toContain('Choice needed by: Friday 20 March 2026');
    expect(emailed.text).toContain('https://coproduce.example.org/payments/held?id=pay_0123');
    expect(emailed.text).toContain('We have emailed them');
    expect(notEmailed.text).toContain('please get in touch with them another way');
  });
});
