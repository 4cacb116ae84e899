import { DecisionSigned, SessionHeld } from '../../events/index.js';
import { askAttendees, askSigner } from '../../shared/evaluation/index.js';
import { type Clock, systemClock } from '../../shared/kernel/index.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { eventConsumer, eventRouter } from '../../shared/runtime/events/consumer.js';
import type { Db } from '../../shared/runtime/store/db.js';

/** Puts each held session on its attendees' ladder list, and each signed decision on its signer's. */
export const buildHandler = (deps: { db: Db; clock: Clock }) =>
  eventRouter([
    [SessionHeld, eventConsumer(SessionHeld, ({ data }) => askAttendees(data, deps))],
    [DecisionSigned, eventConsumer(DecisionSigned, ({ data }) => askSigner(data, deps))],
  ]);

export const handler = buildHandler({ db: mainDb(), clock: systemClock });
