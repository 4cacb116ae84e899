import { type Clock, schemeIds, schemeJurisdiction, timeZoneOf } from '../../kernel/index.js';
import { type SchemeInfo, schemeInfoOn } from '../domain/benefit-schemes.js';
import { localDate } from '../domain/periods.js';

/** The benefit schemes for the recruit form, each explained with the figures in force today (in its jurisdiction). */
export function benefitSchemesToday(clock: Clock): SchemeInfo[] {
  const now = clock.now();
  return schemeIds.map((id) => {
    const where = schemeJurisdiction[id];
    return schemeInfoOn(id, where === 'any' ? now.toISOString().slice(0, 10) : localDate(now, timeZoneOf[where]));
  });
}
