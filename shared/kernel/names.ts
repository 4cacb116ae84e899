/**
 * The product's closed sets as plain values, with their types. No zod here, so the smallest bundles
 * (the pages, the web function) can use them; enums.ts builds the zod enums from the same lists.
 */
export const jurisdictions = ['IE', 'UK'] as const;
export type Jurisdiction = (typeof jurisdictions)[number];

export const currencies = ['EUR', 'GBP'] as const;
export type Currency = (typeof currencies)[number];

/** Each jurisdiction pays in one currency and keeps one civil time zone. */
export const currencyOf = { IE: 'EUR', UK: 'GBP' } as const satisfies Record<Jurisdiction, Currency>;
export const jurisdictionOfCurrency = { EUR: 'IE', GBP: 'UK' } as const satisfies Record<Currency, Jurisdiction>;
export const timeZoneOf = { IE: 'Europe/Dublin', UK: 'Europe/London' } as const satisfies Record<Jurisdiction, string>;
export type TimeZone = (typeof timeZoneOf)[Jurisdiction];
export const timeZones = ['Europe/Dublin', 'Europe/London'] as const satisfies readonly TimeZone[];

export const roles = ['coordinator', 'finance', 'governance', 'member'] as const;
export type Role = (typeof roles)[number];

/** How someone takes part. Service users, family members and carers are the lived-experience constituency. */
export const stakeholderGroups = ['service-user', 'family-member', 'carer', 'provider'] as const;
export type StakeholderGroup = (typeof stakeholderGroups)[number];

export const constituencies = ['lived-experience', 'provider'] as const;
export type Constituency = (typeof constituencies)[number];

export const constituencyOf = (g: StakeholderGroup): Constituency =>
  g === 'provider' ? 'provider' : 'lived-experience';
