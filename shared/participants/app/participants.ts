import { buildEvent } from '../../../events/define-event.js';
import { ParticipantConsentWithdrawn, ParticipantRecruited } from '../../../events/index.js';
import {
  type Actor,
  type Clock,
  ConflictError,
  ForbiddenError,
  isoNow,
  NotFoundError,
  newId,
} from '../../kernel/index.js';
import { outboxPut } from '../../runtime/events/outbox.js';
import { type Db, TransactionConditionError, type TxItem, transact } from '../../runtime/store/db.js';
import type { Page } from '../../runtime/store/pagination.js';
import { getParticipant, listParticipants, putNewParticipant, updateConsent } from '../adapters/participants-repo.js';
import {
  newParticipant,
  type Participant,
  type ParticipantInput,
  type ParticipantView,
  type WorkRecord,
} from '../domain/participants.js';

export type ParticipantDeps = {
  db: Db;
  clock: Clock;
  /** The evaluation's roles and staff practice of a person (bound by functions/participants-api). */
  workRecord?: (participant: Participant) => Promise<WorkRecord>;
};

/** The writes that recruit a participant: the record and its event, to be committed together. */
export function recruitParticipant(
  input: ParticipantInput,
  deps: ParticipantDeps,
): { participant: Participant; items: TxItem[] } {
  const now = isoNow(deps.clock);
  const participant = newParticipant(input, newId(), now);
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
  return { participant, items: [putNewParticipant(deps.db, participant), outboxPut(deps.db, event, now)] };
}

/** A member may read (or act on) only itself; coordinators may for anyone. */
export function assertCanRead(actor: Actor, participantId: string, doing = 'see') {
  if (actor.roles.includes('coordinator')) return;
  if (actor.roles.includes('member') && actor.participantId === participantId) return;
  throw new ForbiddenError(`You can only ${doing} your own record.`);
}

export async function readParticipant(id: string, actor: Actor, deps: ParticipantDeps): Promise<ParticipantView> {
  assertCanRead(actor, id);
  const found = await getParticipant(deps.db, id);
  if (!found) throw new NotFoundError('participant');
  const { version: _v, ...participant } = found;
  return deps.workRecord ? { ...participant, ...(await deps.workRecord(participant)) } : participant;
}

export const pageParticipants = (
  deps: ParticipantDeps,
  opts: { limit: number; cursor?: string; areaId?: string },
): Promise<Page<Participant>> => listParticipants(deps.db, opts);

/**
 * Withdraw consent. Repeating it changes nothing and emits nothing more; a concurrent change to the
 * record surfaces as a conflict rather than a lost update.
 */
export async function withdrawConsent(id: string, actor: Actor, deps: ParticipantDeps): Promise<Participant> {
  assertCanRead(actor, id, 'withdraw consent on');
  const found = await getParticipant(deps.db, id);
  if (!found) throw new NotFoundError('participant');
  const { version: _v, ...current } = found;
  if (found.consent.status === 'withdrawn') return current;
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
  return { ...current, consent: updated.consent };
}
