import * as z from 'zod/mini';
import {
  ConsentScope,
  Constituency,
  constituencyOf,
  DeclaredBenefit,
  IsoDate,
  IsoDateTime,
  Jurisdiction,
  PaymentPreference,
  Reference,
  SchemeId,
  SingleLine,
  StakeholderGroup,
  schemeFits,
} from '../../kernel/index.js';
import { missingBenefitFacts, NO_BENEFITS } from './benefit-fields.js';

/**
 * Participants: the people who take part — service users, family members and carers (the
 * lived-experience constituency) and providers (staff) — with their recorded consent, how they want
 * to be paid, and the benefits they declared. Pure: the rules and the shapes, no I/O.
 */

/** Bounds on what a recruit form may send (each also in the OpenAPI document). */
export const participantLimits = {
  displayName: 100,
  /** RFC 5321: an address longer than 254 characters cannot be delivered. */
  email: 254,
  /** E.164 allows 15 digits; with a +, spaces, brackets and dashes a typed number stays under 32. */
  phone: 32,
  areaId: 64,
  /** The consent scopes are a set: each of the four at most once. */
  scopes: ConsentScope.options.length,
  benefits: 12,
  /** The most a declared weekly or monthly amount can be: €/£10,000.00. */
  declaredAmountMinor: 1_000_000,
} as const;

const declaredAmount = z
  .number('Enter the amount as a number of cents or pence.')
  .check(
    z.int('Enter the amount in whole cents or pence.'),
    z.gte(0, 'Enter an amount of zero or more.'),
    z.lte(
      participantLimits.declaredAmountMinor,
      `Enter at most ${participantLimits.declaredAmountMinor} cents or pence (10,000.00).`,
    ),
  );

/** A whole number from `min` to `max`, with one message for every way to get it wrong. */
const wholeNumber = (min: number, max: number, message: string) =>
  z.number(message).check(z.int(message), z.gte(min, message), z.lte(max, message));

/** A declared benefit as the recruit form sends it: the kernel's shape, every field bounded and its refusal in plain words. */
const DeclaredBenefitInput = z.extend(DeclaredBenefit, {
  scheme: z.enum(SchemeId.options, 'Choose a benefit from the list (GET /api/benefit-schemes), or “No benefits”.'),
  since: z.optional(z.iso.date('Enter a date like 2024-05-01.')),
  pw1Notified: z.optional(z.boolean('Answer yes or no (true or false).')),
  assessmentPeriodStartDay: z.optional(wholeNumber(1, 31, 'Enter the day of the month, 1 to 31.')),
  workAllowanceMinor: z.optional(declaredAmount),
  permissionRecorded: z.optional(z.boolean('Answer yes or no (true or false).')),
  weeklyLimitMinor: z.optional(declaredAmount),
  otherWeeklyIncomeMinor: z.optional(declaredAmount),
  otherDaysWorked: z.optional(wholeNumber(0, 7, 'Enter a number of days, 0 to 7.')),
});

const list = (values: readonly string[]) => `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;

/** Service users, family members and carers must say which benefits they get, even "none". */
const needsBenefitsAnswer = (group: StakeholderGroup) => constituencyOf(group) === 'lived-experience';

export const ParticipantInput = z
  .strictObject({
    displayName: SingleLine(participantLimits.displayName, 'Enter a name to use for this person.'),
    contact: z.optional(
      z.strictObject({
        email: z.optional(
          z
            .email('Enter an email address like name@example.org.')
            .check(
              z.maxLength(
                participantLimits.email,
                `An email address has at most ${participantLimits.email} characters.`,
              ),
            ),
        ),
        phone: z.optional(
          z
            .string()
            .check(
              z.trim(),
              z.maxLength(participantLimits.phone, `A phone number has at most ${participantLimits.phone} characters.`),
              z.regex(/^\+?[0-9 ()-]{6,20}$/, 'Enter a phone number using digits, spaces and an optional +.'),
            ),
        ),
      }),
    ),
    stakeholderGroup: z.enum(StakeholderGroup.options, 'Choose how this person takes part.'),
    areaId: Reference(participantLimits.areaId, 'Enter the area.'),
    jurisdiction: z.enum(Jurisdiction.options, `Choose ${list(Jurisdiction.options)}.`),
    consent: z.strictObject({
      given: z.literal(true, 'Consent must be given before someone can take part.'),
      capacityConfirmed: z.literal(true, 'Confirm the person had capacity to consent.'),
      recordedAt: z.iso.datetime({
        offset: true,
        message: 'Enter when consent was recorded, like 2026-01-10T10:00:00+00:00.',
      }),
      scopes: z.array(z.enum(ConsentScope.options, `Choose from ${list(ConsentScope.options)}.`)).check(
        z.minLength(1, 'Choose at least one thing the person consents to.'),
        z.maxLength(participantLimits.scopes, {
          message: `Choose each thing the person consents to once: ${ConsentScope.options.join(', ')}.`,
          abort: true,
        }),
        z.refine((scopes) => new Set(scopes).size === scopes.length, 'Choose each thing the person consents to once.'),
      ),
    }),
    payment: z.optional(
      z.strictObject({ preference: z.enum(PaymentPreference.options, `Choose ${list(PaymentPreference.options)}.`) }),
    ),
    benefits: z.optional(
      z
        .array(DeclaredBenefitInput)
        .check(z.maxLength(participantLimits.benefits, `Declare at most ${participantLimits.benefits} benefits.`)),
    ),
  })
  .check(
    z.superRefine((p, ctx) => {
      const benefits = p.benefits ?? [];
      if (needsBenefitsAnswer(p.stakeholderGroup) && benefits.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['benefits'],
          message:
            'Say which benefits this person gets, or choose “No benefits” if they get none. We check every fee against them, so we need an answer.',
        });
      }
      benefits.forEach((b, i) => {
        if (!schemeFits(b.scheme, p.jurisdiction)) {
          ctx.addIssue({
            code: 'custom',
            path: ['benefits', i, 'scheme'],
            message: `${b.scheme} is not a benefit in ${p.jurisdiction === 'IE' ? 'Ireland' : 'the UK'}.`,
          });
        }
        for (const f of missingBenefitFacts(b)) {
          ctx.addIssue({ code: 'custom', path: ['benefits', i, f.name], message: f.required?.message ?? '' });
        }
      });
      const schemesDeclared = benefits.map((b) => b.scheme);
      if (new Set(schemesDeclared).size !== schemesDeclared.length) {
        ctx.addIssue({ code: 'custom', path: ['benefits'], message: 'Each benefit can be declared once.' });
      }
      if (schemesDeclared.includes(NO_BENEFITS) && schemesDeclared.length > 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['benefits'],
          message: '“No benefits” cannot be chosen together with a benefit. Choose one or the other.',
        });
      }
    }),
  );
export type ParticipantInput = z.infer<typeof ParticipantInput>;

const ParticipantContact = z.object({ email: z.optional(z.string()), phone: z.optional(z.string()) });

export const ConsentState = z.object({
  given: z.literal(true),
  capacityConfirmed: z.literal(true),
  recordedAt: IsoDateTime,
  scopes: z.array(ConsentScope),
  status: z.enum(['given', 'withdrawn']),
  withdrawnAt: z.optional(IsoDateTime),
});
export type ConsentState = z.infer<typeof ConsentState>;

/** A participant as the context keeps it (and as its item schema parses it). */
export const Participant = z.object({
  participantId: z.string().check(z.minLength(1)),
  displayName: z.string(),
  contact: z.optional(ParticipantContact),
  stakeholderGroup: StakeholderGroup,
  constituency: Constituency,
  areaId: z.string().check(z.minLength(1)),
  jurisdiction: Jurisdiction,
  consent: ConsentState,
  payment: z.object({ preference: PaymentPreference }),
  benefits: z.array(DeclaredBenefit),
  /** Opaque reference finance uses to find the payee's bank details in its own system. */
  payeeReference: z.string(),
  createdAt: IsoDateTime,
});
export type Participant = z.infer<typeof Participant>;

/**
 * What the evaluation context adds to a person's record when it is read (GET /api/participants/:id):
 * a lived-experience member's roles in the workforce, and a provider's staff practice this year.
 * Kept by the evaluation (which sits above participants); participants' read takes them through a
 * port its function binds, so the arrows stay one way.
 */
export const ParticipantRole = z.object({
  roleId: z.string(),
  role: z
    .string()
    .check(z.describe('peer-support-worker, peer-educator, area-lead, lived-experience-facilitator or other')),
  from: IsoDate,
  to: z.optional(IsoDate).check(z.describe('The last day in post; open-ended when absent.')),
  fte: z.number(),
});
export type ParticipantRole = z.infer<typeof ParticipantRole>;
export const StaffPractice = z.object({
  year: z.int(),
  reflectivePractice: z.int().check(z.nonnegative(), z.describe('Reflective-practice sessions attended this year.')),
  coProductionTraining: z
    .int()
    .check(z.nonnegative(), z.describe('Co-production training sessions attended this year.')),
});
export type StaffPractice = z.infer<typeof StaffPractice>;
export type WorkRecord = { roles?: ParticipantRole[]; staffPractice?: StaffPractice };

/** A participant as GET /api/participants/:id answers: the record, with `roles` and `staffPractice` when kept. */
export const ParticipantView = z.extend(Participant, {
  roles: z.optional(z.array(ParticipantRole)),
  staffPractice: z.optional(StaffPractice),
});
export type ParticipantView = z.infer<typeof ParticipantView>;

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
