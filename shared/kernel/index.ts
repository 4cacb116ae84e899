/**
 * The kernel: what every context shares and nothing else — ids, money, the product's closed sets
 * (jurisdictions, currencies, roles, constituencies), the domain error classes and the clock.
 * Pure: it imports zod and ulid only.
 */

import './zod-messages.js';

export * from './actor.js';
export * from './benefits.js';
export * from './clock.js';
export * from './dates.js';
export * from './enums.js';
export * from './errors.js';
export * from './ids.js';
export * from './money.js';
export {
  constituencies,
  constituencyOf,
  currencies,
  currencyOf,
  jurisdictionOfCurrency,
  jurisdictions,
  roles,
  stakeholderGroups,
  timeZoneOf,
  timeZones,
} from './names.js';
export * from './text.js';
export * from './text-schemas.js';
export * from './time.js';
