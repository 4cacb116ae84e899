/**
 * The facts each benefit scheme needs about the person (shared/kernel/benefits.ts DeclaredBenefit),
 * as the recruit form asks them: the field, how it is entered, its question, and whether the rules
 * cannot work without it. The server refuses a declared benefit without a required fact, and the
 * recruit form asks exactly these. Zod-free (types only), so a page bundle takes it as it is.
 */
import type { DeclaredBenefit, SchemeId } from '../../kernel/index.js';

export type BenefitField = {
  name: Exclude<keyof DeclaredBenefit, 'scheme' | 'since'>;
  /** `money`: typed in euro or pounds, sent in minor units. */
  type: 'checkbox' | 'number' | 'money';
  label: string;
  min?: number;
  max?: number;
  /** The payment rules cannot check a fee without it. */
  required?: { message: string };
};

const permission: BenefitField[] = [
  { name: 'permissionRecorded', type: 'checkbox', label: 'They have written permission for this work' },
  { name: 'weeklyLimitMinor', type: 'money', label: 'Weekly amount allowed by that permission, in euro' },
];

export const benefitFields: Partial<Record<SchemeId, readonly BenefitField[]>> = {
  'UK.ESA_PW': [{ name: 'pw1Notified', type: 'checkbox', label: 'They have told DWP about this work on form PW1' }],
  'UK.UC': [
    {
      name: 'assessmentPeriodStartDay',
      type: 'number',
      label: 'Day of the month their assessment period starts (1 to 31)',
      min: 1,
      max: 31,
      required: { message: 'Universal Credit needs the day the monthly assessment period starts.' },
    },
    { name: 'workAllowanceMinor', type: 'money', label: 'Their monthly work allowance in pounds (0 if none)' },
  ],
  'IE.IB': permission,
  'IE.IP': permission,
  'IE.CA': [{ name: 'otherWeeklyIncomeMinor', type: 'money', label: 'Other weekly income already declared, in euro' }],
  'IE.JA': [
    {
      name: 'otherDaysWorked',
      type: 'number',
      label: 'Days they already work elsewhere in a usual week',
      min: 0,
      max: 7,
    },
  ],
};

/** The facts a declared benefit lacks that its rules need, with the message to show beside each. */
export const missingBenefitFacts = (b: Partial<DeclaredBenefit> & { scheme: SchemeId }) =>
  (benefitFields[b.scheme] ?? []).filter((f) => f.required && b[f.name] === undefined);

/** The scheme that says "No benefits", chosen on purpose. */
export const NO_BENEFITS = 'NONE' satisfies SchemeId;
