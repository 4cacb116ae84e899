import { systemClock } from '../../shared/kernel/index.js';
import { type ParticipantDeps, participantOperations, participantRoutes } from '../../shared/participants/index.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { type ApiHandlerOptions, apiHandler } from '../../shared/runtime/http/api.js';

/** Participants: recruit with recorded consent, read, list, withdraw consent; coordinator tasks. */
export const buildHandler = (deps: ParticipantDeps, options?: ApiHandlerOptions) =>
  apiHandler(participantRoutes, participantOperations, deps, options);

export const handler = buildHandler({ db: mainDb(), clock: systemClock });
