import { type Actor, hasRole } from '../../kernel/index.js';

/**
 * Who may see and do what with payments. Three different questions, each with its own name: who
 * sees every payment, who sees a person's benefit details on it, and who records a choice.
 */

const isThePerson = (actor: Actor, participantId: string) =>
  actor.roles.includes('member') && actor.participantId === participantId;

/**
 * Whom a message about a payment speaks to: the person, as "you", when they act on their own
 * payment and are not acting as a coordinator; anyone else reads "the person".
 */
export const readerOf = (actor: Actor, participantId: string): Reader =>
  isThePerson(actor, participantId) && !hasRole(actor, 'coordinator') ? 'self' : 'staff';
export type Reader = 'self' | 'staff';

/** Coordinators and finance see every payment (lists by status, anyone's); a member only its own. */
export const canSeeAllPayments = (actor: Actor) => hasRole(actor, 'coordinator', 'finance');

export const canSeePaymentsOf = (actor: Actor, participantId: string) =>
  canSeeAllPayments(actor) || isThePerson(actor, participantId);

/**
 * Reasons, consequences, options and the period's benefit scheme: coordinators and the person
 * themself see them; a caller who is only finance sees what to pay, to whom and when (docs/finance.md).
 */
export const seesBenefitDetails = (actor: Actor, participantId: string) =>
  hasRole(actor, 'coordinator') || isThePerson(actor, participantId);

/** A coordinator records a choice for anyone; a member only on its own payments. */
export const canChooseFor = (actor: Actor, participantId: string) =>
  hasRole(actor, 'coordinator') || isThePerson(actor, participantId);
