import { z } from 'zod';

/**
 * The product's closed sets, each written once as a zod enum with its inferred type. Everything
 * else (events, items, routes, pages) takes them from here.
 */

export const Jurisdiction = z.enum(['IE', 'UK']);
export type Jurisdiction = z.infer<typeof Jurisdiction>;

export const Currency = z.enum(['EUR', 'GBP']);
export type Currency = z.infer<typeof Currency>;

/** Each jurisdiction pays in one currency and keeps one civil time zone. */
export const currencyOf = { IE: 'EUR', UK: 'GBP' } as const satisfies Record<Jurisdiction, Currency>;
export const jurisdictionOfCurrency = { EUR: 'IE', GBP: 'UK' } as const satisfies Record<Currency, Jurisdiction>;
export const timeZoneOf = { IE: 'Europe/Dublin', UK: 'Europe/London' } as const satisfies Record<Jurisdiction, string>;
export type TimeZone = (typeof timeZoneOf)[Jurisdiction];
export const TimeZone = z.enum(['Europe/Dublin', 'Europe/London']);

export const Role = z.enum(['coordinator', 'finance', 'governance', 'member']);
export type Role = z.infer<typeof Role>;
export const roles = Role.options;

/** How someone takes part. Service users, family members and carers are the lived-experience constituency. */
export const StakeholderGroup = z.enum(['service-user', 'family-member', 'carer', 'provider']);
export type StakeholderGroup = z.infer<typeof StakeholderGroup>;
export const stakeholderGroups = StakeholderGroup.options;

export const Constituency = z.enum(['lived-experience', 'provider']);
export type Constituency = z.infer<typeof Constituency>;

export const constituencyOf = (g: StakeholderGroup): Constituency =>
  g === 'provider' ? 'provider' : 'lived-experience';
