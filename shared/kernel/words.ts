import type { Constituency, Currency, Jurisdiction, Role, StakeholderGroup } from './names.js';

/**
 * The product's closed sets in plain words, once: the pages show these instead of the codes, and
 * the server's messages use them too. Zod-free, so a page bundle takes it as it is.
 */

/** How someone takes part, as a record shows it. */
export const stakeholderGroupWords: Record<StakeholderGroup, string> = {
  'service-user': 'Uses or has used services',
  'family-member': 'Family member',
  carer: 'Carer',
  provider: 'Staff (provider)',
};

export const constituencyWords: Record<Constituency, string> = {
  'lived-experience': 'Lived experience',
  provider: 'Staff (provider)',
};

/** A role, as the header says who is signed in. */
export const roleWords: Record<Role, string> = {
  coordinator: 'Coordinator',
  finance: 'Finance',
  governance: 'Governance',
  member: 'Member',
};

/** "Ireland", "the UK": where someone lives or a forum meets, inside a sentence. */
export const countryName = { IE: 'Ireland', UK: 'the UK' } as const satisfies Record<Jurisdiction, string>;
/** Where someone lives, on its own (a record's row). */
export const countryWords = { IE: 'Ireland', UK: 'United Kingdom' } as const satisfies Record<Jurisdiction, string>;
/** The currency a forum pays in, as people say it. */
export const currencyWords = { EUR: 'euro', GBP: 'pounds' } as const satisfies Record<Currency, string>;

/** What a person consents to (shared/kernel/benefits.ts ConsentScope), as they would say it. */
export const consentScopeWords: Record<'forums' | 'payments' | 'decisions' | 'contact', string> = {
  forums: 'Being invited to forums',
  payments: 'Being paid for their time',
  decisions: 'Signing off decisions',
  contact: 'Being sent reminders and invitations',
};

/** "1 person", "3 people". */
export const people = (n: number): string => (n === 1 ? '1 person' : `${n} people`);
