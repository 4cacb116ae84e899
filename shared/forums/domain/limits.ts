/**
 * The forums context's limits and closed sets as plain values: the server's schemas and rules use
 * them, and the pages show and check the same numbers. Zod-free, so a page bundle takes it as it is.
 */

/** 48 hours and 2 hours before the start, unless the forum or the session says otherwise. */
export const DEFAULT_REMINDER_LEADS_MINUTES = [48 * 60, 2 * 60] as const;
/** A session is a meeting: one sitting of at most 12 hours (this also bounds the clash query). */
export const MAX_SESSION_MINUTES = 12 * 60;
/**
 * An area forum or a recovery-college event. Up to 32 invitees a session is written in one
 * transaction; a larger one is prepared in chunks and goes live in one step (ADR 0008).
 */
export const MAX_INVITEES = 500;
/**
 * Expense lines recorded for one session, all attendees together: about three each at the largest
 * session. This keeps the held session (its attendance is stored on it) well inside DynamoDB's
 * 400 KB item limit, whatever the receipt references.
 */
export const MAX_SESSION_EXPENSE_LINES = 1_500;
/**
 * Hours claimed may exceed the session's length by this much. Involvement-payment guidance (e.g.
 * NIHR's) counts travel to and from the venue and preparation (reading the papers) as involvement
 * time; two hours covers a return journey across a health area or an hour of each. More than that is
 * almost always a typing error (30 instead of 3), which is what this check is for.
 */
export const TRAVEL_MARGIN_HOURS = 2;

export const expenseKinds = ['travel', 'childcare', 'subsistence', 'other'] as const;
/**
 * The most one expense line can pay back: €500 or £500. Expenses are paid back at cost against a
 * receipt (BENEFIT_RULES.md): a return journey across a health area by train or taxi, a day's
 * childcare or a night's accommodation fits well under it. A larger line is far more likely an amount
 * typed in euro instead of cents (50000 for 500.00) or a fee relabelled as expenses, which is fraud
 * and would hide earnings from the benefit rules. Larger real costs go through the organisation's
 * own expenses process.
 */
export const MAX_EXPENSE_MINOR = 50_000;
/** Lines per attendee for one session: travel both ways, childcare, food, and a few to spare. */
export const MAX_EXPENSE_LINES = 10;

/** What an expense is for, in plain words. */
export const expenseKindWords: Record<(typeof expenseKinds)[number], string> = {
  travel: 'Travel',
  childcare: 'Childcare',
  subsistence: 'Food and drink',
  other: 'Something else',
};
