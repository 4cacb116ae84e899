import { addDays, formatMoney, type Jurisdiction, localDate, timeZoneOf } from '../../kernel/index.js';
import type { Payment } from './payments.js';

/**
 * The emails sent when a payment is held: to the person (with contact consent and an email) and to
 * the coordinators. Pure: what each says. Email is less private than the pages, so they give the
 * fee and the dates, never which benefit or any limit; the page behind the link explains the rest.
 */

export type Message = { subject: string; text: string };

/**
 * Days the person has to choose, counted from the day the payment was held: the same 14 days the
 * evaluation's `holds-resolved` indicator counts a choice as in time (shared/evaluation).
 */
export const CHOICE_DAYS = 14;

/** The last day to choose: the held day (on the jurisdiction's calendar) plus CHOICE_DAYS. */
export const chooseBy = (p: Pick<Payment, 'createdAt' | 'jurisdiction'>): string =>
  addDays(localDate(p.createdAt, timeZoneOf[p.jurisdiction]), CHOICE_DAYS);

/** The page where the person (or a coordinator with them) sees the options and chooses. */
export const heldPaymentUrl = (publicBaseUrl: string, paymentId: string) =>
  `${publicBaseUrl.replace(/\/$/, '')}/payments/held?id=${encodeURIComponent(paymentId)}`;

const locales: Record<Jurisdiction, string> = { IE: 'en-IE', UK: 'en-GB' };
// Made on first use: creating an Intl formatter loads locale data, which every function that
// imports the payments context would otherwise pay at cold start.
const dayFormats: Partial<Record<Jurisdiction, Intl.DateTimeFormat>> = {};
const dayFormat = (j: Jurisdiction) =>
  (dayFormats[j] ??= new Intl.DateTimeFormat(locales[j], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }));

/** "Friday 6 March 2026" for a `YYYY-MM-DD` date (already on the local calendar). */
export const longDay = (date: string, jurisdiction: Jurisdiction) =>
  dayFormat(jurisdiction)
    .format(new Date(`${date}T12:00:00Z`))
    .replace(',', '');

type HeldFacts = Pick<
  Payment,
  'paymentId' | 'jurisdiction' | 'sessionDate' | 'createdAt' | 'fullFeeMinor' | 'expensesMinor' | 'currency'
>;
type Advice = readonly { name: string; url: string }[];

/** To the person, as "you": a payment is waiting for their choice, by when, where, that it is theirs, free advice, who to call. */
export function memberHeldMessage(
  p: HeldFacts,
  person: { displayName: string },
  advice: Advice,
  coordinatorEmail: string,
  publicBaseUrl: string,
): Message {
  const session = longDay(p.sessionDate, p.jurisdiction);
  const lines = [
    `Hello ${person.displayName},`,
    '',
    `Thank you for taking part on ${session}.`,
    '',
    `Your payment for that session is waiting for your choice. We have not paid the fee of ${formatMoney(p.fullFeeMinor, p.currency)} yet, because it could affect your benefits, and we will not decide that for you.`,
    ...(p.expensesMinor > 0
      ? [`Your expenses of ${formatMoney(p.expensesMinor, p.currency)} are paid back whatever you choose.`]
      : []),
    '',
    `Please choose by ${longDay(chooseBy(p), p.jurisdiction)}:`,
    heldPaymentUrl(publicBaseUrl, p.paymentId),
    '',
    'The choice is yours. That page shows what each option would leave you with.',
    '',
    'Free, independent advice about benefits is available from:',
    ...advice.map((a) => `- ${a.name}: ${a.url}`),
    '',
    `If you would like to talk it over, contact your coordinator at ${coordinatorEmail}.`,
  ];
  return { subject: `Your payment for ${session} is waiting for your choice`, text: lines.join('\n') };
}

/** To the coordinators: whose payment, which session, by when, whether the person was emailed, and the link. */
export function coordinatorHeldMessage(
  p: HeldFacts,
  person: { displayName: string; areaId: string },
  memberEmailed: boolean,
  publicBaseUrl: string,
): Message {
  const session = longDay(p.sessionDate, p.jurisdiction);
  const lines = [
    `A payment is waiting for ${person.displayName}'s choice.`,
    '',
    `Who: ${person.displayName} (area ${person.areaId})`,
    `Session: ${session}`,
    `Fee waiting: ${formatMoney(p.fullFeeMinor, p.currency)}${p.expensesMinor > 0 ? ` (expenses of ${formatMoney(p.expensesMinor, p.currency)} are paid back whatever they choose)` : ''}`,
    `Choice needed by: ${longDay(chooseBy(p), p.jurisdiction)}`,
    '',
    memberEmailed
      ? 'We have emailed them about it, with this date and where to get free benefits advice.'
      : 'We have not emailed them (they have not agreed to be contacted by email, or we have no address): please get in touch with them another way.',
    '',
    `See why it is held and record their choice: ${heldPaymentUrl(publicBaseUrl, p.paymentId)}`,
    '',
    'The choice is theirs. Please make sure they know free, independent benefits advice is available.',
  ];
  return {
    subject: `A payment is waiting for ${person.displayName}'s choice (area ${person.areaId})`,
    text: lines.join('\n'),
  };
}
