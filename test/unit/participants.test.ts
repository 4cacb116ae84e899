import { describe, expect, it } from 'vitest';
import { ConsentScope, constituencyOf } from '../../shared/kernel/index.js';
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

/** The fields a body is refused on (each once, however many of its rules it breaks). */
const issuePaths = (body: unknown) => {
  const result = ParticipantInput.safeParse(body);
  if (result.success) return [];
  for (const i of result.error.issues) expect(i.message).not.toMatch(/Invalid input|expected|Too (big|small)/);
  return [...new Set(result.error.issues.map((i) => i.path.join('.')))];
};

describe('a benefits answer for lived experience', () => {
  it.each(['service-user', 'family-member', 'carer'])(
    'refuses a %s with no benefits given or an empty list',
    (group) => {
      const { benefits: _b, ...missing } = participantBody({ stakeholderGroup: group });
      expect(issuePaths(missing)).toEqual(['benefits']);
      expect(issuePaths(participantBody({ stakeholderGroup: group, benefits: [] }))).toEqual(['benefits']);
      const message = ParticipantInput.safeParse(missing).error?.issues[0]?.message;
      expect(message).toMatch(/No benefits/);
    },
  );

  it('accepts “No benefits” chosen on purpose, and keeps it', () => {
    const input = ParticipantInput.parse(participantBody({ benefits: [{ scheme: 'NONE' }] }));
    const p = newParticipant(input, '01JQ00000000000000000000AB', '2026-01-10T10:00:00+00:00');
    expect(p.benefits).toEqual([{ scheme: 'NONE' }]);
  });

  it('refuses “No benefits” together with a benefit', () => {
    expect(issuePaths(participantBody({ benefits: [{ scheme: 'NONE' }, { scheme: 'IE.DA' }] }))).toEqual(['benefits']);
  });

  it('leaves benefits optional for providers', () => {
    const { benefits: _b, payment: _p, ...provider } = participantBody({ stakeholderGroup: 'provider' });
    expect(ParticipantInput.safeParse(provider).success).toBe(true);
  });
});

describe('bounded recruit input', () => {
  it('refuses a 60,000-element scopes list with one issue on consent.scopes', () => {
    const scopes = Array.from({ length: 60_000 }, (_, i) => ConsentScope.options[i % 4]);
    const body = participantBody({ consent: { ...participantBody().consent, scopes } });
    const result = ParticipantInput.safeParse(body);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['consent.scopes', 'Choose each thing the person consents to once: forums, payments, decisions, contact.'],
    ]);
  });

  it('refuses a scope chosen twice', () => {
    const consent = { ...participantBody().consent, scopes: ['forums', 'forums'] };
    expect(issuePaths(participantBody({ consent }))).toEqual(['consent.scopes']);
  });

  it('refuses a 500 KB email address and a 40-character phone number', () => {
    const email = `${'a'.repeat(500_000)}@example.org`;
    expect(issuePaths(participantBody({ contact: { email } }))).toEqual(['contact.email']);
    expect(issuePaths(participantBody({ contact: { email: `${'a'.repeat(243)}@example.org` } }))).toEqual([
      'contact.email',
    ]);
    expect(issuePaths(participantBody({ contact: { phone: '1'.repeat(40) } }))).toEqual(['contact.phone']);
  });

  it.each([
    ['only zero-width characters', '\u200b\u200c\u200d\u2060'],
    ['NUL', 'Ao\u0000ife'],
    ['ESC', 'Ao\u001bife'],
    ['BEL', 'Ao\u0007ife'],
    ['a right-to-left override', 'Aoife\u202eegaP'],
    ['a line separator', 'Ao\u2028ife'],
  ])('refuses a name with %s', (_what, displayName) => {
    expect(issuePaths(participantBody({ displayName }))).toEqual(['displayName']);
  });

  it('refuses an area with hidden characters or over 64 characters', () => {
    expect(issuePaths(participantBody({ areaId: 'cho5\u0000waterford' }))).toEqual(['areaId']);
    expect(issuePaths(participantBody({ areaId: 'a'.repeat(65) }))).toEqual(['areaId']);
  });

  it('refuses more than 12 benefits, and declared amounts over 10,000.00 or not whole', () => {
    const many = Array.from({ length: 13 }, () => ({ scheme: 'IE.DA' }));
    expect(issuePaths(participantBody({ benefits: many }))).toContain('benefits');
    expect(
      issuePaths(
        participantBody({
          jurisdiction: 'UK',
          benefits: [{ scheme: 'UK.UC', assessmentPeriodStartDay: 12, workAllowanceMinor: 1e12 }],
        }),
      ),
    ).toEqual(['benefits.0.workAllowanceMinor']);
    expect(issuePaths(participantBody({ benefits: [{ scheme: 'IE.CA', otherWeeklyIncomeMinor: 1.5 }] }))).toEqual([
      'benefits.0.otherWeeklyIncomeMinor',
    ]);
  });
});
