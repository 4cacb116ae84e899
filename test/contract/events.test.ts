import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { allEvents, buildEvent, contractFor } from '../../events/index.js';
import { fixtures } from './fixtures.js';

/** Field names that would carry personal data onto the bus: identity, contact, free text, benefit types, and
 * constituency or stakeholder group (they reveal mental health service use or caring). */
const PERSONAL =
  /^(displayName|name|firstName|lastName|email|phone|contact|address|postcode|dateOfBirth|dob|benefits?|scheme|schemes|comment|text|title|notes?|reason|constituency|stakeholderGroup)$/i;

function propertyNames(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) propertyNames(s, out);
  else if (schema && typeof schema === 'object') {
    const o = schema as Record<string, unknown>;
    if (o.properties && typeof o.properties === 'object') {
      for (const [k, v] of Object.entries(o.properties)) {
        out.add(k);
        propertyNames(v, out);
      }
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'properties') propertyNames(v, out);
  }
  return out;
}

describe('event contracts', () => {
  it('lists every event the product contract names', () => {
    const named = [
      'ParticipantRecruited',
      'ParticipantConsentWithdrawn',
      'ForumSessionScheduled',
      'SessionRsvpRecorded',
      'SessionReminderDue',
      'SessionHeld',
      'PaymentDue',
      'PaymentHeld',
      'PaymentChoiceRecorded',
      'PaymentIssued',
      'PaymentFailed',
      'DecisionProposed',
      'DecisionAmended',
      'DecisionSigned',
      'DecisionCoSigned',
      'DecisionObjected',
      'DecisionSignOffOverdue',
      'FeedbackRaised',
      'FeedbackUpdated',
    ];
    expect(allEvents.map((c) => c.detailType)).toEqual(expect.arrayContaining(named));
  });

  it('has a unique source, detail-type and version for each contract, under coproduce.*', () => {
    const keys = allEvents.map((c) => `${c.source}|${c.detailType}|${c.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of allEvents) expect(c.source).toMatch(/^coproduce\.[a-z]+$/);
  });

  describe.each(allEvents.map((c) => [c.detailType, c] as const))('%s', (detailType, contract) => {
    it('has a fixture that builds into a valid detail', () => {
      expect(fixtures[detailType], `add a fixture for ${detailType} in test/contract/fixtures.ts`).toBeDefined();
      const event = buildEvent(contract, fixtures[detailType] as never, {
        idempotencyKey: `${detailType}:1`,
        occurredAt: '2026-03-02T18:00:00+00:00',
      });
      expect(contract.detail.safeParse(event.detail).success).toBe(true);
      expect(contractFor(event.source, event.detailType, contract.version)).toBe(contract);
    });

    it('rejects a detail with an unknown data field (strict), so nothing personal slips through', () => {
      const data = { ...(fixtures[detailType] as object), displayName: 'Aoife' };
      const detail = {
        metadata: {
          version: contract.version,
          idempotencyKey: 'k',
          correlationId: 'c',
          occurredAt: '2026-03-02T18:00:00+00:00',
        },
        data,
      };
      expect(contract.detail.safeParse(detail).success).toBe(false);
    });

    it('carries no personal data fields', () => {
      const names = [...propertyNames(z.toJSONSchema(contract.detail))];
      expect(names.filter((n) => PERSONAL.test(n))).toEqual([]);
    });

    it('rejects a detail without metadata', () => {
      expect(contract.detail.safeParse({ data: fixtures[detailType] }).success).toBe(false);
    });
  });
});
