import { workRecordOf } from '../../shared/evaluation/index.js';
import { systemClock } from '../../shared/kernel/index.js';
import { type ParticipantDeps, participantOperations, participantRoutes } from '../../shared/participants/index.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { type ApiHandlerOptions, apiHandler } from '../../shared/runtime/http/api.js';

/** Participants: recruit with recorded consent, read, list, withdraw consent; coordinator tasks. */
export const buildHandler = (deps: Omit<ParticipantDeps, 'workRecord'>, options?: ApiHandlerOptions) =>
  apiHandler(
    participantRoutes,
    participantOperations,
    // The evaluation keeps a person's roles and staff practice; the record shows them (arrows stay one way).
    { ...deps, workRecord: (p) => workRecordOf(p, deps) },
    options,
  );

export const handler = buildHandler({ db: mainDb(), clock: systemClock });
