import type { z } from 'zod/mini';
import type { ParticipantInput } from '../../shared/participants/domain/participants.js';

/** Request bodies built from the contract, for tests. Override what a test is about. */
export function participantBody(overrides: Record<string, unknown> = {}): z.input<typeof ParticipantInput> {
  // Overrides may make the body invalid on purpose (a test of a 400): its type is the valid shape.
  return {
    displayName: 'Aoife',
    contact: { email: 'aoife@example.org', phone: '+353 87 123 4567' },
    stakeholderGroup: 'service-user',
    areaId: 'cho5-waterford',
    jurisdiction: 'IE',
    consent: {
      given: true,
      capacityConfirmed: true,
      recordedAt: '2026-01-10T10:00:00+00:00',
      scopes: ['forums', 'payments', 'decisions', 'contact'],
    },
    payment: { preference: 'ask' },
    benefits: [{ scheme: 'IE.DA', since: '2024-05-01' }],
    ...overrides,
  } as z.input<typeof ParticipantInput>;
}

/**
 * POST /api/forums body (an Irish local forum paying €25 an hour; 2 lived-experience members and 30%).
 * The rate is in force from 1 January 2026, so sessions dated in 2026 are paid whatever the clock
 * says; `remuneration` overrides are merged into it (pass `effectiveFrom: undefined` for the
 * forum's creation date).
 */
export function forumBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Waterford local forum',
    level: 'local',
    areaId: 'cho5-waterford',
    quorum: { minLivedExperienceMembers: 2, minLivedExperienceShare: 0.3 },
    ...overrides,
    remuneration: {
      hourlyRateMinor: 2500,
      currency: 'EUR',
      effectiveFrom: '2026-01-01',
      ...(overrides.remuneration as Record<string, unknown> | undefined),
    },
  };
}

/** POST /api/forums/{id}/sessions body: two hours from `startsAt`. */
export function sessionBody(invitees: string[], overrides: Record<string, unknown> = {}) {
  const startsAt = (overrides.startsAt as string | undefined) ?? '2026-03-02T18:00:00+00:00';
  return {
    title: 'Spring planning',
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 2 * 3600_000).toISOString().replace('Z', '+00:00'),
    venue: { name: 'Community Hall, Waterford', accessible: true },
    agenda: ['Welcome', 'Crisis care pathway'],
    invitees,
    ...overrides,
  };
}
