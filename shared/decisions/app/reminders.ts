import { type Clock, isoNow } from '../../kernel/index.js';
import { getParticipants, hasConsentFor, type Participant, participantsInArea } from '../../participants/index.js';
import type { AppConfig, Notifier } from '../../runtime/deps.js';
import type { Db } from '../../runtime/store/db.js';
import { sendOnce } from '../../runtime/store/send-claims.js';
import {
  claimReminder,
  getDecisionHistory,
  getSessionInvitees,
  putSessionInvitees,
  releaseReminder,
} from '../adapters/decisions-repo.js';
import { signRequestClaim } from '../adapters/notices-repo.js';
import { stillToSign } from '../domain/decisions.js';
import { decisionLink, signOffReminder, signRequest } from '../domain/reminder-message.js';
import { getForum, getInvitations } from './forums-port.js';

export type ReminderDeps = { db: Db; clock: Clock; notifier: Notifier; config: Pick<AppConfig, 'publicBaseUrl'> };

/**
 * Keep who was invited to each session (from ForumSessionScheduled), so an overdue decision taken
 * at that session can remind the right people without reading the forums context's tables.
 * The same event twice writes the same item.
 */
export async function recordSessionInvitees(
  data: { sessionId: string; forumId: string; inviteeIds: string[] },
  deps: { db: Db },
): Promise<void> {
  await putSessionInvitees(deps.db, data);
}

/**
 * On DecisionSignOffOverdue: remind those who should sign and have not signed the current text.
 * "Who should sign" is not recorded on a decision (anyone in either constituency may sign), so we
 * ask the people we know it concerns: the invitees of the session it was taken at (when it names
 * one) and anyone who signed an earlier version. Only people with consent for contact AND for
 * decisions, and an email address, are written to. At most one reminder per person per due date
 * (a claim item written before sending, given back if sending fails so the retry sends it).
 */
export async function remindSigners(
  data: { decisionId: string; signOffDueAt: string },
  deps: ReminderDeps,
): Promise<number> {
  const h = await getDecisionHistory(deps.db, data.decisionId);
  if (!h || h.decision.status === 'co-signed') return 0;
  const d = h.decision;
  const invitees = d.sessionId ? await getSessionInvitees(deps.db, d.sessionId) : [];
  const ids = stillToSign({ invitees, signatures: h.signatures, currentRevision: d.revision });
  const people = await getParticipants(deps.db, ids);
  const link = decisionLink(deps.config.publicBaseUrl, d.decisionId);
  let sent = 0;
  for (const id of ids) {
    const p = people.get(id);
    const email = p?.contact?.email;
    if (!p || !email || !hasConsentFor(p, 'contact') || !hasConsentFor(p, 'decisions')) continue;
    if (!(await claimReminder(deps.db, d.decisionId, data.signOffDueAt, id, isoNow(deps.clock)))) continue;
    try {
      await deps.notifier.send({ to: email, participantId: id, ...signOffReminder(d, p, link) });
      sent++;
    } catch (err) {
      await releaseReminder(deps.db, d.decisionId, data.signOffDueAt, id);
      throw err;
    }
  }
  return sent;
}

/**
 * On DecisionProposed and DecisionAmended: ask each member who may sign the decision (mayTakePart:
 * the session's invitees whose invitation was not dropped, or — for a decision without a session —
 * the participants of the forum's area) and has not yet signed this wording, with consent for
 * contact and for decisions and an email address, once per wording. An event for a wording that
 * has since been replaced asks nobody: the newer wording's event asks. Each message is claimed
 * before it is sent and marked sent after (runtime/store/send-claims.ts); a failed send gives the
 * claim back and throws, so the retry of the event sends it.
 */
export async function askToSign(data: { decisionId: string; revision?: number }, deps: ReminderDeps): Promise<number> {
  const h = await getDecisionHistory(deps.db, data.decisionId);
  if (!h) return 0;
  const d = h.decision;
  const revision = data.revision ?? 1;
  if (d.revision !== revision || d.status === 'co-signed') return 0;
  const candidates = await whoMaySign(d, deps.db);
  const signedNow = new Set(h.signatures.filter((s) => s.revision === revision).map((s) => s.participantId));
  const signedEarlier = new Set(h.signatures.filter((s) => s.revision !== revision).map((s) => s.participantId));
  const link = decisionLink(deps.config.publicBaseUrl, d.decisionId);
  let sent = 0;
  for (const p of candidates) {
    const email = p.contact?.email;
    if (!email || signedNow.has(p.participantId)) continue;
    if (!hasConsentFor(p, 'contact') || !hasConsentFor(p, 'decisions')) continue;
    const claim = signRequestClaim(d, p.participantId);
    const words = signRequest(
      d,
      p,
      link,
      revision === 1 ? { kind: 'proposed' } : { kind: 'amended', signedEarlier: signedEarlier.has(p.participantId) },
    );
    if (
      await sendOnce(claim, () => deps.notifier.send({ to: email, participantId: p.participantId, ...words }), deps)
    ) {
      sent++;
    }
  }
  return sent;
}

/** The decision's signatories-to-be (see mayTakePart), as participant records. */
async function whoMaySign(d: { sessionId?: string; forumId: string }, db: Db): Promise<Participant[]> {
  if (d.sessionId) {
    const invited = (await getInvitations(db, d.sessionId)).filter((i) => i.status !== 'dropped');
    const people = await getParticipants(
      db,
      invited.map((i) => i.participantId),
    );
    return invited.flatMap((i) => people.get(i.participantId) ?? []);
  }
  const forum = await getForum(db, d.forumId);
  return forum ? participantsInArea(db, forum.areaId) : [];
}
