import { type Actor, type Constituency, ForbiddenError, isoNow, localDate, NotFoundError } from '../../kernel/index.js';
import { transact } from '../../runtime/store/db.js';
import {
  type LadderAnswerRecord,
  type LadderAskRecord,
  ladderAnswersOf,
  ladderAsksOf,
  putLadderAnswer,
  putLadderAsk,
} from '../adapters/evaluation-repo.js';
import type { Rung } from '../domain/ladder.js';
import type { EvaluationWriteDeps } from './deps.js';
import { decisionSigners, forumById, getParticipant, sessionById } from './sources.js';

export type LadderAnswerView = Pick<LadderAnswerRecord, 'subject' | 'subjectId' | 'rung' | 'answeredAt'>;

const me = (actor: Actor) => {
  if (!actor.participantId) throw new ForbiddenError('Your sign-in is not linked to a participant record.');
  return actor.participantId;
};

async function constituencyOf(participantId: string, deps: EvaluationWriteDeps): Promise<Constituency> {
  const p = await getParticipant(deps.db, participantId);
  if (!p) throw new ForbiddenError('Your sign-in is not linked to a participant record we know.');
  return p.constituency;
}

async function save(a: Omit<LadderAnswerRecord, 'answeredAt'>, deps: EvaluationWriteDeps): Promise<LadderAnswerView> {
  const answer = { ...a, answeredAt: isoNow(deps.clock) };
  await putLadderAnswer(deps.db, answer);
  return { subject: a.subject, subjectId: a.subjectId, rung: a.rung, answeredAt: answer.answeredAt };
}

/**
 * How a held session felt, from someone recorded as attending it: one answer each (a second
 * replaces the first). Anyone else, or before it is held, is refused (403). Counted in the year of
 * the session's local date, in its forum's area.
 */
export async function answerSessionLadder(
  sessionId: string,
  rung: Rung,
  actor: Actor,
  deps: EvaluationWriteDeps,
): Promise<LadderAnswerView> {
  const participantId = me(actor);
  const session = await sessionById(sessionId, deps);
  if (!session) throw new NotFoundError('session');
  const attended =
    session.status === 'held' && (session.attendance ?? []).some((a) => a.participantId === participantId);
  if (!attended) {
    throw new ForbiddenError(
      session.status === 'held'
        ? 'Only people recorded as attending this session can say how it felt.'
        : 'You can say how this session felt once it has been held and you were recorded as attending.',
    );
  }
  const forum = await forumById(session.forumId, deps);
  if (!forum) throw new NotFoundError('forum');
  const heldOn = localDate(session.startsAt, forum.timeZone);
  return save(
    {
      subject: 'session',
      subjectId: sessionId,
      participantId,
      constituency: await constituencyOf(participantId, deps),
      rung,
      areaId: forum.areaId,
      year: Number(heldOn.slice(0, 4)),
    },
    deps,
  );
}

/**
 * How making a decision felt, from someone who signed it (approved or objected, on any wording):
 * one answer each, replaced by a second. Counted in the year of the local date it was proposed.
 */
export async function answerDecisionLadder(
  decisionId: string,
  rung: Rung,
  actor: Actor,
  deps: EvaluationWriteDeps,
): Promise<LadderAnswerView> {
  const participantId = me(actor);
  const found = await decisionSigners(decisionId, deps);
  if (!found) throw new NotFoundError('decision');
  const signer = found.signers.find((s) => s.participantId === participantId);
  if (!signer) throw new ForbiddenError('Only people who signed this decision can say how making it felt.');
  const forum = await forumById(found.outcome.forumId, deps);
  if (!forum) throw new NotFoundError('forum');
  const proposedOn = localDate(found.outcome.proposedAt, forum.timeZone);
  return save(
    {
      subject: 'decision',
      subjectId: decisionId,
      participantId,
      constituency: signer.constituency,
      rung,
      areaId: forum.areaId,
      year: Number(proposedOn.slice(0, 4)),
    },
    deps,
  );
}

// ---- what a member is asked -----------------------------------------------------------------

/** The most sessions and decisions the member's ladder page lists (newest first). */
export const MY_LADDER_LIMIT = 50;

export type MyLadderItem = Pick<LadderAskRecord, 'subject' | 'subjectId' | 'on' | 'title'> & { rung: Rung | null };

/** The sessions a member attended and the decisions they signed, newest first, each with their answer (or null). */
export async function myLadder(actor: Actor, deps: EvaluationWriteDeps): Promise<MyLadderItem[]> {
  const participantId = me(actor);
  const [asks, answers] = await Promise.all([
    ladderAsksOf(deps.db, participantId, MY_LADDER_LIMIT),
    ladderAnswersOf(deps.db, participantId),
  ]);
  const rungOf = new Map(answers.map((a) => [`${a.subject}#${a.subjectId}`, a.rung] as const));
  return asks.map((a) => ({
    subject: a.subject,
    subjectId: a.subjectId,
    on: a.on,
    title: a.title,
    rung: rungOf.get(`${a.subject}#${a.subjectId}`) ?? null,
  }));
}

/**
 * SessionHeld: ask each attendee how the session felt (an item on their ladder list). Idempotent:
 * the same session and person is the same item, so a redelivery writes the same thing again.
 */
export async function askAttendees(
  held: { sessionId: string; heldOn: string; attendance: readonly { participantId: string }[] },
  deps: EvaluationWriteDeps,
): Promise<void> {
  const session = await sessionById(held.sessionId, deps);
  if (!session) return;
  const askedAt = isoNow(deps.clock);
  const items = [...new Set(held.attendance.map((a) => a.participantId))].map((participantId) =>
    putLadderAsk(deps.db, {
      participantId,
      subject: 'session',
      subjectId: held.sessionId,
      on: held.heldOn,
      title: session.title,
      askedAt,
    }),
  );
  for (let i = 0; i < items.length; i += 100) await transact(deps.db, items.slice(i, i + 100));
}

/**
 * DecisionSigned: ask the signer how making the decision felt. Idempotent as above; dated by the
 * day the decision was proposed, so signing a second wording asks once.
 */
export async function askSigner(
  signed: { decisionId: string; participantId: string },
  deps: EvaluationWriteDeps,
): Promise<void> {
  const found = await decisionSigners(signed.decisionId, deps);
  if (!found) return;
  const forum = await forumById(found.outcome.forumId, deps);
  if (!forum) return;
  const on = localDate(found.outcome.proposedAt, forum.timeZone);
  await transact(deps.db, [
    putLadderAsk(deps.db, {
      participantId: signed.participantId,
      subject: 'decision',
      subjectId: signed.decisionId,
      on,
      title: found.title,
      askedAt: isoNow(deps.clock),
    }),
  ]);
}
