/** The kernel's shared schemas, as the event contracts use them (events depend on zod and the kernel only). */
export { Constituency, Currency, Id, IsoDate, IsoDateTime, Jurisdiction, MinorUnits } from '../shared/kernel/index.js';
