/**
 * Payments' closed sets in plain words, once: the pages show these, in the person's own voice where
 * it is their page. Zod-free (types only), so a page bundle takes it as it is.
 */
import type { PaymentPreference } from '../../kernel/index.js';
import type { PaymentOption, PaymentStatus } from './payments.js';

/** A payment's status as the person it is for reads it. */
export const paymentStatusWordsForYou: Record<PaymentStatus, string> = {
  held: 'Waiting for you to choose',
  due: 'To be paid',
  issued: 'Paid',
  failed: 'Could not be paid yet – your coordinator will be in touch',
  declined: 'No fee',
};

/** A standing payment preference, as a coordinator reads it on the person's record. */
export const paymentPreferenceWords: Record<PaymentPreference, string> = {
  ask: 'Ask each time a payment would affect benefits',
  'cap-at-headroom': 'Pay only as much as keeps benefits safe',
  full: 'Always pay in full (has had advice)',
  'expenses-only': 'Expenses only',
  decline: 'Not paid (expenses still paid back)',
};

/** The short name of each option on a held payment, neutral: none is "anyway" or "instead". */
export const paymentOptionNames: Record<PaymentOption, string> = {
  full: 'The full fee',
  reduced: 'A smaller fee',
  charity: 'The fee to a charity',
  'expenses-only': 'Expenses only',
  decline: 'No fee',
};

/** A choice recorded on a held payment, as the report counts them. */
export const paymentChoiceWords: Record<PaymentOption, string> = {
  full: 'Take the full fee',
  reduced: 'Take a reduced fee',
  charity: 'Give the fee to charity',
  'expenses-only': 'Expenses only',
  decline: 'Decline payment',
};
