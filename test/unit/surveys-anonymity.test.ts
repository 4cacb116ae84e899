import { describe, expect, it } from 'vitest';
import { responseKey, responseWindow, storedResponse, windowProblem } from '../../shared/surveys/domain/survey.js';

const secret = 'test-secret-test-secret-test-secret!';

describe('the open/close window', () => {
  const survey = { opensAt: '2026-03-02T09:00:00+00:00', closesAt: '2026-03-30T17:00:00+01:00' };

  it('refuses a response before it opens, saying when it opens', () => {
    const r = responseWindow(survey, '2026-03-02T08:59:59Z');

    expect(r).toEqual({
      ok: false,
      code: 'not-open-yet',
      message: 'This survey is not open yet. It opens on 2 March 2026 at 09:00.',
    });
  });

  it('accepts a response at the opening moment and just before closing', () => {
    expect(responseWindow(survey, '2026-03-02T09:00:00Z')).toEqual({ ok: true });
    expect(responseWindow(survey, '2026-03-30T15:59:59.999Z')).toEqual({ ok: true });
  });

  it('refuses a response at the closing moment or later, in local time', () => {
    const r = responseWindow(survey, '2026-03-30T16:00:00Z');

    expect(r).toMatchObject({ ok: false, code: 'closed' });
    if (!r.ok) expect(r.message).toContain('closed on 30 March 2026 at 17:00');
  });

  it('needs the closing time to come after the opening time', () => {
    expect(windowProblem(survey.opensAt, survey.closesAt)).toBeUndefined();
    expect(windowProblem(survey.opensAt, survey.opensAt)).toBe(
      'The closing date and time must be after the opening date and time.',
    );
  });
});

describe('the anonymity key', () => {
  it('is the HMAC-SHA256 hex of the survey and participant under the secret', () => {
    // Computed independently: printf 'coproduce.survey-response.v1\n["S-2026","P-1"]' | openssl dgst -sha256 -hmac '<secret>'
    expect(responseKey(secret, 'S-2026', 'P-1')).toBe(
      '051bdd4e504babec4dff32e826561c654440512a44f126a053f282de2af3d421',
    );
  });

  it('is stable for the same person and survey', () => {
    expect(responseKey(secret, 'S-2026', 'P-1')).toBe(responseKey(secret, 'S-2026', 'P-1'));
  });

  it('differs across surveys, across people and across secrets', () => {
    const key = responseKey(secret, 'S-2026', 'P-1');

    expect(responseKey(secret, 'S-2027', 'P-1')).not.toBe(key);
    expect(responseKey(secret, 'S-2026', 'P-2')).not.toBe(key);
    expect(responseKey(`${secret}?`, 'S-2026', 'P-1')).not.toBe(key);
  });

  it('keeps ids that run together apart', () => {
    expect(responseKey(secret, 'S1', 'P12')).not.toBe(responseKey(secret, 'S1P', '12'));
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => responseKey('short', 'S', 'P')).toThrow('at least 32 bytes');
  });
});

describe('what is stored for a response', () => {
  const base = {
    surveyId: 'S-2026',
    respondent: { participantId: 'P-1', stakeholderGroup: 'carer' as const },
    answers: { 'exp-listened': 4 },
    enteredBy: 'self' as const,
    secret,
    now: '2026-03-10T21:47:13.512Z',
  };

  it('keeps no participant id and no time of day for an anonymous response', () => {
    // Act
    const stored = storedResponse({ ...base, anonymous: true });

    // Assess
    expect(stored).toEqual({
      surveyId: 'S-2026',
      responseKey: responseKey(secret, 'S-2026', 'P-1'),
      anonymous: true,
      stakeholderGroup: 'carer',
      constituency: 'lived-experience',
      answers: { 'exp-listened': 4 },
      shareComments: false,
      enteredBy: 'self',
      receivedOn: '2026-03-10',
    });
    expect(JSON.stringify(stored)).not.toContain('P-1');
  });

  it('keeps the participant id when the person chose to be named', () => {
    expect(storedResponse({ ...base, anonymous: false }).participantId).toBe('P-1');
  });

  it('gives the same key to an anonymous and a named response by the same person, so either blocks the other', () => {
    expect(storedResponse({ ...base, anonymous: true }).responseKey).toBe(
      storedResponse({ ...base, anonymous: false, enteredBy: 'coordinator' }).responseKey,
    );
  });
});
