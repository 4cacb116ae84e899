import type { Jurisdiction, SchemeId } from '../../kernel/index.js';

/**
 * The benefit schemes a participant can declare, with plain-language explanations for the recruit
 * form. The rules and limits themselves live in the rule packs (data with effective dates).
 */
export type SchemeInfo = { id: SchemeId; jurisdiction: Jurisdiction | 'any'; name: string; means: string };

export const schemes: Record<SchemeId, SchemeInfo> = {
  'IE.DA': {
    id: 'IE.DA',
    jurisdiction: 'IE',
    name: 'Disability Allowance (or Blind Pension)',
    means: 'You can earn up to a weekly amount without losing any of it. Above that, it is reduced.',
  },
  'IE.CA': {
    id: 'IE.CA',
    jurisdiction: 'IE',
    name: "Carer's Allowance",
    means: 'Paid or unpaid involvement counts toward an 18.5-hour weekly limit, and there is an income limit.',
  },
  'IE.JA': {
    id: 'IE.JA',
    jurisdiction: 'IE',
    name: "Jobseeker's Allowance",
    means: 'A day with any paid activity counts as a day worked: no more than 3 a week, and about €20 a day.',
  },
  'IE.JB': {
    id: 'IE.JB',
    jurisdiction: 'IE',
    name: "Jobseeker's Benefit",
    means: 'Any paid day reduces the payment for that week.',
  },
  'IE.IB': {
    id: 'IE.IB',
    jurisdiction: 'IE',
    name: 'Illness Benefit',
    means: 'No paid work without written permission from the Department of Social Protection.',
  },
  'IE.IP': {
    id: 'IE.IP',
    jurisdiction: 'IE',
    name: 'Invalidity Pension',
    means: 'No paid work without written permission from the Department of Social Protection.',
  },
  'IE.PCB': {
    id: 'IE.PCB',
    jurisdiction: 'IE',
    name: 'Partial Capacity Benefit',
    means: 'No earnings or hours limit once the work has been approved.',
  },
  'UK.ESA_PW': {
    id: 'UK.ESA_PW',
    jurisdiction: 'UK',
    name: 'Employment and Support Allowance (permitted work)',
    means: 'Under 16 hours a week, and a weekly earnings limit (higher if you have told DWP on form PW1).',
  },
  'UK.CA': {
    id: 'UK.CA',
    jurisdiction: 'UK',
    name: "Carer's Allowance",
    means: 'Earning even £1 over the weekly limit loses the whole week.',
  },
  'UK.UC': {
    id: 'UK.UC',
    jurisdiction: 'UK',
    name: 'Universal Credit',
    means: 'Earnings over your work allowance in a monthly assessment period reduce it by 55p for each £1.',
  },
  'UK.PIP': {
    id: 'UK.PIP',
    jurisdiction: 'UK',
    name: 'PIP, DLA or Attendance Allowance',
    means: 'Not affected by earnings.',
  },
  NONE: { id: 'NONE', jurisdiction: 'any', name: 'No benefits', means: 'Nothing to check.' },
};
