import { describe, expect, it } from 'vitest';
import { constituencyOf } from '../../shared/kernel/index.js';
import { hasConsentFor, newParticipant, ParticipantInput } from '../../shared/participants/domain/participants.js';
import { participantBody } from '../support/fixtures.js';

describe('participants', () => {
  it('puts service users, family members and carers in the lived-experience constituency', () => {
    expect(['service-user', 'family-member', 'carer'].map((g) => constituencyOf(g as never))).toEqual([
      'lived-experience',
      'lived-experience',
      'lived-experience',
    ]);
    expect(constituencyOf('provider')).toBe('provider');
  });

  it('never records payment or benefits for a provider, whatever was sent', () => {
    const input = ParticipantInput.parse(
      participantBody({ stakeholderGroup: 'provider', payment: { preference: 'full' } }),
    );
    const p = newParticipant(input, '01JQ00000000000000000000AB', '2026-01-10T10:00:00+00:00');
    expect(p.payment.preference).toBe('decline');
    expect(p.benefits).toEqual([]);
  });

  it('defaults a lived-experience member to being asked about payments', () => {
    const { payment: _p, ...body } = participantBody();
    const p = newParticipant(ParticipantInput.parse(body), '01JQ00000000000000000000AB', '2026-01-10T10:00:00+00:00');
    expect(p.payment.preference).toBe('ask');
  });

  it('requires Universal Credit to say when the assessment period starts', () => {
    const result = ParticipantInput.safeParse(participantBody({ jurisdiction: 'UK', benefits: [{ scheme: 'UK.UC' }] }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['benefits', 0, 'assessmentPeriodStartDay']);
  });

  it('refuses the same benefit declared twice', () => {
    const result = ParticipantInput.safeParse(
      participantBody({ benefits: [{ scheme: 'IE.DA' }, { scheme: 'IE.DA' }] }),
    );
    expect(result.success).toBe(false);
  });

  it('has consent for a scope only while consent stands', () => {
    const p = newParticipant(ParticipantInput.parse(participantBody()), 'X1', '2026-01-10T10:00:00+00:00');
    expect(hasConsentFor(p, 'forums')).toBe(true);
    expect(hasConsentFor({ consent: { ...p.consent, status: 'withdrawn' } }, 'forums')).toBe(false);
  });
});
