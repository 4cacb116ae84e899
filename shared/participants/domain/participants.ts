import { z } from 'zod';
import {
  type Constituency as ConstituencySchema,
  IsoDate,
  IsoDateTime,
  Jurisdiction,
  MinorUnits,
} from '../../../events/common.js';
import { ConsentScope } from '../../../events/participants.js';
import { schemeFits, schemeIds } from './benefit-schemes.js';

export const stakeholderGroups = ['service-user', 'family-member', 'carer', 'provider'] as const;
export type StakeholderGroup = (typeof stakeholderGroups)[number];
export type Constituency = z.infer<typeof ConstituencySchema>;

export const constituencyOf = (g: StakeholderGroup): Constituency =>
  g === 'provider' ? 'provider' : 'lived-experience';

export const paymentPreferences = ['ask', 'full', 'cap-at-headroom', 'expenses-only', 'decline'] as const;

export const DeclaredBenefit = z.strictObject({
  scheme: z.enum(schemeIds),
  since: IsoDate.optional(),
  /** UK.ESA_PW: the person told DWP about permitted work on form PW1 (higher limit applies). */
  pw1Notified: z.boolean().optional(),
  /** UK.UC: day of the month the monthly assessment period starts. */
  assessmentPeriodStartDay: z.number().int().min(1).max(31).optional(),
  /** UK.UC: the person's work allowance (0 when they have none). */
  workAllowanceMinor: MinorUnits.optional(),
  /** IE.IB / IE.IP: written permission for paid work recorded, with its weekly limit. */
  permissionRecorded: z.boolean().optional(),
  weeklyLimitMinor: MinorUnits.optional(),
  /** IE.CA: other weekly income already declared to the Department. */
  otherWeeklyIncomeMinor: MinorUnits.optional(),
  /** IE.JA: days already worked elsewhere in a typical week. */
  otherDaysWorked: z.number().int().min(0).max(7).optional(),
});
export type DeclaredBenefit = z.infer<typeof DeclaredBenefit>;

export const ParticipantInput = z
  .strictObject({
    displayName: z.string().trim().min(1, 'Enter a name to use for this person.').max(100),
    contact: z
      .strictObject({
        email: z.email('Enter an email address like name@example.org.').optional(),
        phone: z
          .string()
          .trim()
          .regex(/^\+?[0-9 ()-]{6,20}$/, 'Enter a phone number using digits, spaces and an optional +.')
          .optional(),
      })
      .optional(),
    stakeholderGroup: z.enum(stakeholderGroups, 'Choose how this person takes part.'),
    areaId: z.string().trim().min(1, 'Enter the area.').max(64),
    jurisdiction: Jurisdiction,
    consent: z.strictObject({
      given: z.literal(true, 'Consent must be given before someone can take part.'),
      capacityConfirmed: z.literal(true, 'Confirm the person had capacity to consent.'),
      recordedAt: IsoDateTime,
      scopes: z.array(ConsentScope).min(1, 'Choose at least one thing the person consents to.'),
    }),
    payment: z.strictObject({ preference: z.enum(paymentPreferences) }).optional(),
    benefits: z.array(DeclaredBenefit).max(12).optional(),
  })
  .superRefine((p, ctx) => {
    (p.benefits ?? []).forEach((b, i) => {
      if (!schemeFits(b.scheme, p.jurisdiction)) {
        ctx.addIssue({
          code: 'custom',
          path: ['benefits', i, 'scheme'],
          message: `${b.scheme} is not a benefit in ${p.jurisdiction === 'IE' ? 'Ireland' : 'the UK'}.`,
        });
      }
      if (b.scheme === 'UK.UC' && b.assessmentPeriodStartDay === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['benefits', i, 'assessmentPeriodStartDay'],
          message: 'Universal Credit needs the day the monthly assessment period starts.',
        });
      }
    });
    const schemesDeclared = (p.benefits ?? []).map((b) => b.scheme);
    if (new Set(schemesDeclared).size !== schemesDeclared.length) {
      ctx.addIssue({ code: 'custom', path: ['benefits'], message: 'Each benefit can be declared once.' });
    }
  });
export type ParticipantInput = z.infer<typeof ParticipantInput>;

export type ConsentState = ParticipantInput['consent'] & {
  status: 'given' | 'withdrawn';
  withdrawnAt?: string;
};

export type Participant = {
  participantId: string;
  displayName: string;
  contact?: ParticipantInput['contact'];
  stakeholderGroup: StakeholderGroup;
  constituency: Constituency;
  areaId: string;
  jurisdiction: 'IE' | 'UK';
  consent: ConsentState;
  payment: { preference: (typeof paymentPreferences)[number] };
  benefits: DeclaredBenefit[];
  /** Opaque reference finance uses to find the payee's bank details in its own system. */
  payeeReference: string;
  createdAt: string;
};

export function newParticipant(input: ParticipantInput, participantId: string, createdAt: string): Participant {
  return {
    participantId,
    displayName: input.displayName,
    contact: input.contact,
    stakeholderGroup: input.stakeholderGroup,
    constituency: constituencyOf(input.stakeholderGroup),
    areaId: input.areaId,
    jurisdiction: input.jurisdiction,
    consent: { ...input.consent, status: 'given' },
    // Providers are staff and never remunerated, whatever was sent.
    payment:
      input.stakeholderGroup === 'provider' ? { preference: 'decline' } : (input.payment ?? { preference: 'ask' }),
    benefits: input.stakeholderGroup === 'provider' ? [] : (input.benefits ?? []),
    payeeReference: `CP-${participantId.slice(-10)}`,
    createdAt,
  };
}

export const hasConsentFor = (p: Pick<Participant, 'consent'>, scope: z.infer<typeof ConsentScope>) =>
  p.consent.status === 'given' && p.consent.scopes.includes(scope);

/** Benefits-advice signposting by jurisdiction (independent, free services). */
export const benefitsAdvice = {
  IE: [{ name: 'Citizens Information', url: 'https://www.citizensinformation.ie/en/social-welfare/' }],
  UK: [
    { name: 'Citizens Advice', url: 'https://www.citizensadvice.org.uk/benefits/' },
    {
      name: 'NIHR Benefits Advice Service for involvement',
      url: 'https://www.nihr.ac.uk/get-involved/public-partners/benefits-advice-service',
    },
  ],
} as const;
