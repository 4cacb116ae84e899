import { z } from 'zod';
import {
  ConsentScope,
  Constituency,
  constituencyOf,
  DeclaredBenefit,
  IsoDateTime,
  Jurisdiction,
  PaymentPreference,
  StakeholderGroup,
  schemeFits,
} from '../../kernel/index.js';

/**
 * Participants: the people who take part — service users, family members and carers (the
 * lived-experience constituency) and providers (staff) — with their recorded consent, how they want
 * to be paid, and the benefits they declared. Pure: the rules and the shapes, no I/O.
 */

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
    stakeholderGroup: z.enum(StakeholderGroup.options, 'Choose how this person takes part.'),
    areaId: z.string().trim().min(1, 'Enter the area.').max(64),
    jurisdiction: Jurisdiction,
    consent: z.strictObject({
      given: z.literal(true, 'Consent must be given before someone can take part.'),
      capacityConfirmed: z.literal(true, 'Confirm the person had capacity to consent.'),
      recordedAt: IsoDateTime,
      scopes: z.array(ConsentScope).min(1, 'Choose at least one thing the person consents to.'),
    }),
    payment: z.strictObject({ preference: PaymentPreference }).optional(),
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

const ParticipantContact = z.object({ email: z.string().optional(), phone: z.string().optional() });

export const ConsentState = z.object({
  given: z.literal(true),
  capacityConfirmed: z.literal(true),
  recordedAt: IsoDateTime,
  scopes: z.array(ConsentScope),
  status: z.enum(['given', 'withdrawn']),
  withdrawnAt: IsoDateTime.optional(),
});
export type ConsentState = z.infer<typeof ConsentState>;

/** A participant as the context keeps it (and as its item schema parses it). */
export const Participant = z.object({
  participantId: z.string().min(1),
  displayName: z.string(),
  contact: ParticipantContact.optional(),
  stakeholderGroup: StakeholderGroup,
  constituency: Constituency,
  areaId: z.string().min(1),
  jurisdiction: Jurisdiction,
  consent: ConsentState,
  payment: z.object({ preference: PaymentPreference }),
  benefits: z.array(DeclaredBenefit),
  /** Opaque reference finance uses to find the payee's bank details in its own system. */
  payeeReference: z.string(),
  createdAt: IsoDateTime,
});
export type Participant = z.infer<typeof Participant>;

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

export const hasConsentFor = (p: Pick<Participant, 'consent'>, scope: ConsentScope) =>
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
