/**
 * The participants context: who takes part, their recorded consent, payment preference and declared
 * benefits, and the coordinator's welcome tasks. Other contexts use only what is exported here.
 */
export { participantKeys } from './adapters/key-prefixes.js';
export {
  consentStillGiven,
  getParticipant,
  getParticipants,
  participantRecord,
  participantsInArea,
} from './adapters/participants-repo.js';
export type { ParticipantDeps } from './app/participants.js';
export { recordWelcomeTask } from './app/tasks.js';
export {
  benefitsAdvice,
  type ConsentState,
  hasConsentFor,
  type Participant,
  type ParticipantRole,
  type StaffPractice,
  type WorkRecord,
} from './domain/participants.js';
export { participantOperations } from './http/operations.js';
export { participantRoutes } from './http/routes.js';
