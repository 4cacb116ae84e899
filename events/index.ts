import * as decisions from './decisions.js';
import type { EventContract } from './define-event.js';
import * as feedback from './feedback.js';
import * as forums from './forums.js';
import * as participants from './participants.js';
import * as payments from './payments.js';

export * from './decisions.js';
export * from './define-event.js';
export * from './feedback.js';
export * from './forums.js';
export * from './participants.js';
export * from './payments.js';

const isContract = (v: unknown): v is EventContract =>
  typeof v === 'object' && v !== null && 'detailType' in v && 'pattern' in v;

/** Every event contract, in one list: infra, the local bus, the schema writer and the contract tests use it. */
export const allEvents: readonly EventContract[] = [participants, forums, payments, decisions, feedback].flatMap((m) =>
  Object.values(m).filter(isContract),
);

export function contractFor(source: string, detailType: string, version: number): EventContract | undefined {
  return allEvents.find((c) => c.source === source && c.detailType === detailType && c.version === version);
}
