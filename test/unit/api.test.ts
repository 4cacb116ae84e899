import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/kernel/errors.js';
import { ParticipantInput } from '../../shared/participants/domain/participants.js';
import { callerFromClaims, parseInput as parseBody } from '../../shared/runtime/http/api.js';
import { compareRoutes, compilePath } from '../../shared/runtime/http/routes.js';

describe('callerFromClaims', () => {
  it('reads groups given as an array (local stack)', () => {
    expect(callerFromClaims({ sub: 'u', 'cognito:groups': ['coordinator'] })?.roles).toEqual(['coordinator']);
  });

  it('reads groups given as API Gateway stringifies them', () => {
    const caller = callerFromClaims({ sub: 'u', 'cognito:groups': '[member finance]', 'custom:participantId': 'p1' });
    expect(caller).toEqual({ sub: 'u', roles: ['member', 'finance'], participantId: 'p1' });
  });

  it('ignores unknown groups and has no caller without a subject', () => {
    expect(callerFromClaims({ sub: 'u', 'cognito:groups': ['admin'] })?.roles).toEqual([]);
    expect(callerFromClaims({ 'cognito:groups': ['coordinator'] })).toBeUndefined();
  });
});

describe('routes', () => {
  it('extracts path parameters and decodes them', () => {
    const match = compilePath('/api/participants/{id}/consent-withdrawal');
    expect(match('/api/participants/a%20b/consent-withdrawal')).toEqual({ id: 'a b' });
    expect(match('/api/participants/a/b/consent-withdrawal')).toBeUndefined();
  });

  it('matches a greedy proxy segment', () => {
    expect(compilePath('/{proxy+}')('/assets/pages/x.js')).toEqual({ proxy: 'assets/pages/x.js' });
  });

  it('orders literal segments before parameters and proxies, as API Gateway does', () => {
    const sorted = [
      { path: '/{proxy+}' },
      { path: '/api/participants/{id}' },
      { path: '/api/participants/export' },
    ].sort(compareRoutes);
    expect(sorted.map((r) => r.path)).toEqual(['/api/participants/export', '/api/participants/{id}', '/{proxy+}']);
  });
});

describe('parseBody', () => {
  it('names every failing field with its dot path', () => {
    const err = (() => {
      try {
        parseBody(ParticipantInput, { displayName: 'A', consent: { given: false } });
      } catch (e) {
        return e;
      }
    })() as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    const paths = err.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['consent.given', 'consent.capacityConfirmed', 'stakeholderGroup']));
  });
});
