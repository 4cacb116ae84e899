import { type Clock, isoNow } from '../../kernel/index.js';
import { getParticipants, hasConsentFor } from '../../participants/index.js';
import type { AppConfig, Notifier } from '../../runtime/deps.js';
import type { Db } from '../../runtime/store/db.js';
import {
  claimReminder,
  getDecisionHistory,
  getSessionInvitees,
  putSessionInvitees,
  releaseReminder,
} from '../adapters/decisions-repo.js';
import { stillToSign } from '../domain/decisions.js';
import { decisionLink, signOffReminder } from '../domain/reminder-message.js';

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
