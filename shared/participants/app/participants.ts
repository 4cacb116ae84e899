import { ulid } from 'ulid';
import { buildEvent } from '../../../events/define-event.js';
import { ParticipantConsentWithdrawn, ParticipantRecruited } from '../../../events/index.js';
import { type Clock, isoNow } from '../../kernel/clock.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../kernel/errors.js';
import { outboxPut } from '../../runtime/events/outbox.js';
import type { Caller } from '../../runtime/http/api.js';
import { type Db, TransactionConditionError, transact } from '../../runtime/store/db.js';
import { getParticipant, listParticipants, putNewParticipant, updateConsent } from '../adapters/participants-repo.js';
import { newParticipant, type Participant, type ParticipantInput } from '../domain/participants.js';

export type ParticipantDeps = { db: Db; clock: Clock };

/** The writes that recruit a participant: the record and its event, to be committed together. */
export function recruitParticipant(input: ParticipantInput, deps: ParticipantDeps) {
  const now = isoNow(deps.clock);
  const participant = newParticipant(input, ulid(), now);
  const event = buildEvent(
    ParticipantRecruited,
    {
      participantId: participant.participantId,
      areaId: participant.areaId,
      jurisdiction: participant.jurisdiction,
      consentScopes: participant.consent.scopes,
    },
    { idempotencyKey: `participant-recruited:${participant.participantId}`, occurredAt: now },
  );
  return {
    participant,
    items: [putNewParticipant(deps.db, participant), outboxPut(deps.db, event, now)],
  };
}

/** A member may read (or act on) only itself; coordinators may for anyone. */
export function assertCanRead(caller: Caller, participantId: string, doing = 'see') {
  if (caller.roles.includes('coordinator')) return;
  if (caller.roles.includes('member') && caller.participantId === participantId) return;
  throw new ForbiddenError(`You can only ${doing} your own record.`);
}

export async function readParticipant(id: string, deps: ParticipantDeps): Promise<Participant> {
  const found = await getParticipant(deps.db, id);
  if (!found) throw new NotFoundError('participant');
  const { version: _v, ...participant } = found;
  return participant;
}

export const pageParticipants = (deps: ParticipantDeps, opts: { limit: number; cursor?: string; areaId?: string }) =>
  listParticipants(deps.db, opts);

/**
 * Withdraw consent. Repeating it changes nothing and emits nothing more; a concurrent change to the
 * record surfaces as a conflict rather than a lost update.
 */
export async function withdrawConsent(id: string, deps: ParticipantDeps): Promise<Participant> {
  const found = await getParticipant(deps.db, id);
  if (!found) throw new NotFoundError('participant');
  if (found.consent.status === 'withdrawn') {
    const { version: _v, ...same } = found;
    return same;
  }
  const now = isoNow(deps.clock);
  const updated = { ...found, consent: { ...found.consent, status: 'withdrawn' as const, withdrawnAt: now } };
  const event = buildEvent(
    ParticipantConsentWithdrawn,
    { participantId: id, withdrawnAt: now },
    { idempotencyKey: `participant-consent-withdrawn:${id}`, occurredAt: now },
  );
  try {
    await transact(deps.db, [updateConsent(deps.db, updated), outboxPut(deps.db, event, now)]);
  } catch (err) {
    if (err instanceof TransactionConditionError) {
      throw new ConflictError('This record changed while you were saving. Please try again.');
    }
    throw err;
  }
  const { version: _v, ...participant } = updated;
  return participant;
}
