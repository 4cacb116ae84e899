import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ParticipantRecruited } from '../../events/participants.js';
import { eventConsumer, ParseError, parseEvent } from '../../shared/runtime/events/consumer.js';
import { Logger } from '../../shared/runtime/logger.js';

const detail = {
  metadata: { version: 1, idempotencyKey: 'k-1', correlationId: 'c-1', occurredAt: '2026-03-02T18:00:00+00:00' },
  data: { participantId: '01J0000000000000000000000A', areaId: 'area-1', jurisdiction: 'IE', consentScopes: [] },
};
const envelope = (over: Record<string, unknown> = {}) => ({
  version: '0',
  id: 'e-1',
  source: 'coproduce.participants',
  'detail-type': 'ParticipantRecruited',
  account: '111111111111',
  time: '2026-03-02T18:00:00Z',
  region: 'eu-west-1',
  resources: [],
  detail,
  ...over,
});

describe('event consumers validate with the contract alone', () => {
  it('hands the use case the parsed detail of a valid event', async () => {
    const valid = ParticipantRecruited.detail.safeParse(detail);
    expect(valid.success, JSON.stringify(valid.error?.issues)).toBe(true);
    const seen: unknown[] = [];
    const handler = eventConsumer(ParticipantRecruited, async (d) => {
      seen.push(d.data.participantId);
    });
    await handler(envelope() as never, { awsRequestId: 'r-1', functionName: 'f' } as Context);
    expect(seen).toEqual([detail.data.participantId]);
  });

  it('refuses, as a ParseError naming the field, a detail that does not match the contract', () => {
    const bad = envelope({ detail: { ...detail, data: { participantId: 'p', displayName: 'Leaked name' } } });
    expect(() => parseEvent(ParticipantRecruited, bad)).toThrow(ParseError);
    expect(() => parseEvent(ParticipantRecruited, bad)).toThrow(/detail\.data\./);
  });

  it('refuses an event of another type or without an envelope', () => {
    expect(() => parseEvent(ParticipantRecruited, envelope({ 'detail-type': 'SessionHeld' }))).toThrow(/Expected/);
    expect(() => parseEvent(ParticipantRecruited, 'text')).toThrow(ParseError);
    expect(() => parseEvent(ParticipantRecruited, { detail })).toThrow(/no source/);
  });
});

describe('the logger', () => {
  it('writes one JSON line per entry with the invocation keys, below the level nothing', () => {
    const lines: string[] = [];
    const log = new Logger(
      'svc',
      (l) => lines.push(l),
      () => 'INFO',
    );
    log.appendKeys({ correlationId: 'c-1' });
    log.debug('hidden');
    log.error('failed', { error: new Error('boom'), count: 2 });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '{}');
    expect(entry).toMatchObject({ level: 'ERROR', message: 'failed', service: 'svc', correlationId: 'c-1', count: 2 });
    expect(entry.error).toMatchObject({ name: 'Error', message: 'boom' });
    log.resetKeys();
    log.warn('later');
    expect(JSON.parse(lines[1] ?? '{}').correlationId).toBeUndefined();
  });
});
