import type { Participant } from '../../participants/index.js';
import { batchGetAll, type Db } from '../../runtime/store/db.js';
import { ledgerKeysOf, ledgersFrom } from '../adapters/ledger-repo.js';
import {
  inviteesToProject,
  ledgerPeriodsOf,
  otherJurisdictionWarnings,
  type PlannedSession,
  type ProjectedSession,
  type ProjectionWarning,
  type ProjectionWindow,
  projectInvitee,
  projectionWindow,
} from '../domain/projection.js';

/** Whose schedule to read, over which range of session starts (projectionWindow). */
export type ScheduleRead = { participantId: string; window: ProjectionWindow };

export type ProjectionInput = {
  /** The session as it would be scheduled, with the rate in force on its date. */
  session: ProjectedSession;
  /** Everyone (to be) invited, in the order they were listed. */
  invitees: readonly Participant[];
  /**
   * The invitees' OTHER sessions still scheduled (not held, not cancelled, not this one) whose start
   * lies in each one's window, each with the rate in force on its own date, by participant id. The
   * schedule belongs to forums, which reads it (called once, only for the invitees projected).
   */
  planned: (reads: readonly ScheduleRead[]) => Promise<ReadonlyMap<string, readonly PlannedSession[]>>;
};

/**
 * Scheduling warnings from payments: for each lived-experience invitee, run the same engine on the
 * session's fee (the rate in force on its date × its length) against their period totals as
 * recorded now plus their other sessions already planned in the same periods (each at its full
 * length × the rate in force on its date), and warn for every rule attending would cross; and warn
 * about invitees whose benefit limits are in another currency. Payments reads only its own ledgers
 * (one BatchGet), at the same time as forums reads the planned sessions.
 */
export async function benefitProjections(input: ProjectionInput, deps: { db: Db }): Promise<ProjectionWarning[]> {
  const elsewhere = otherJurisdictionWarnings(input.session, input.invitees);
  const people = inviteesToProject(input.session, input.invitees).map((p) => ({
    p,
    periods: ledgerPeriodsOf(p, input.session.startsAt).ledgers,
  }));
  if (people.length === 0) return elsewhere;
  const [planned, items] = await Promise.all([
    input.planned(
      people.map(({ p }) => ({ participantId: p.participantId, window: projectionWindow(p, input.session.startsAt) })),
    ),
    batchGetAll(
      deps.db,
      people.flatMap(({ p, periods }) => ledgerKeysOf(p.participantId, periods)),
    ),
  ]);
  const projections = people.flatMap(({ p, periods }) =>
    projectInvitee({
      session: input.session,
      invitee: p,
      ledgers: Object.fromEntries(
        ledgersFrom(items, p.participantId, periods).map((l) => [l.periodKey, l.entries] as const),
      ),
      planned: planned.get(p.participantId) ?? [],
    }),
  );
  return [...elsewhere, ...projections];
}
