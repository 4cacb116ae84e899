import * as z from 'zod/mini';
import { IsoDate } from './dates.js';
import type { Jurisdiction } from './enums.js';
import { MinorUnits } from './money.js';

/**
 * The benefit schemes a person can declare: the shared vocabulary of participants (who declare
 * them) and payments (which check fees against each scheme's dated rule pack). The names, plain
 * explanations and limits live with the rule packs in the payments context.
 */
export const SchemeId = z.enum([
  'IE.DA',
  'IE.CA',
  'IE.JA',
  'IE.JB',
  'IE.IB',
  'IE.IP',
  'IE.PCB',
  'UK.ESA_PW',
  'UK.CA',
  'UK.UC',
  'UK.PIP',
  'NONE',
]);
export type SchemeId = z.infer<typeof SchemeId>;
export const schemeIds = SchemeId.options;

/** Where each scheme exists ('any': "No benefits"). */
export const schemeJurisdiction: Record<SchemeId, Jurisdiction | 'any'> = {
  'IE.DA': 'IE',
  'IE.CA': 'IE',
  'IE.JA': 'IE',
  'IE.JB': 'IE',
  'IE.IB': 'IE',
  'IE.IP': 'IE',
  'IE.PCB': 'IE',
  'UK.ESA_PW': 'UK',
  'UK.CA': 'UK',
  'UK.UC': 'UK',
  'UK.PIP': 'UK',
  NONE: 'any',
};

export const schemeFits = (id: SchemeId, jurisdiction: Jurisdiction) =>
  schemeJurisdiction[id] === 'any' || schemeJurisdiction[id] === jurisdiction;

/** A benefit as a person declared it, with the facts its rules need. */
export const DeclaredBenefit = z.strictObject({
  scheme: SchemeId,
  since: z.optional(IsoDate),
  /** UK.ESA_PW: the person told DWP about permitted work on form PW1 (higher limit applies). */
  pw1Notified: z.optional(z.boolean()),
  /** UK.UC: day of the month the monthly assessment period starts. */
  assessmentPeriodStartDay: z.optional(z.number().check(z.int(), z.gte(1), z.lte(31))),
  /** UK.UC: the person's work allowance (0 when they have none). */
  workAllowanceMinor: z.optional(MinorUnits),
  /** IE.IB / IE.IP: written permission for paid work recorded, with its weekly limit. */
  permissionRecorded: z.optional(z.boolean()),
  weeklyLimitMinor: z.optional(MinorUnits),
  /** IE.CA: other weekly income already declared to the Department. */
  otherWeeklyIncomeMinor: z.optional(MinorUnits),
  /** IE.JA: days already worked elsewhere in a typical week. */
  otherDaysWorked: z.optional(z.number().check(z.int(), z.gte(0), z.lte(7))),
});
export type DeclaredBenefit = z.infer<typeof DeclaredBenefit>;

/** What a person consents to; contact consent is needed before anyone is emailed. */
export const ConsentScope = z.enum(['forums', 'payments', 'decisions', 'contact']);
export type ConsentScope = z.infer<typeof ConsentScope>;

/** How a person wants a fee settled when it would cut a benefit (their standing preference). */
export const PaymentPreference = z.enum(['ask', 'full', 'cap-at-headroom', 'expenses-only', 'decline']);
export type PaymentPreference = z.infer<typeof PaymentPreference>;
