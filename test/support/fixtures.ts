/** Request bodies built from the contract, for tests. Override what a test is about. */
export function participantBody(overrides: Record<string, unknown> = {}) {
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
  };
}
