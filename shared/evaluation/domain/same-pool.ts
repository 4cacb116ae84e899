import { percent } from './scoring.js';

/**
 * "Relying on the same pool of participants" is a barrier the article names. These figures show
 * how concentrated lived-experience attendance is: the share made by the most frequent tenth of
 * attendees, and (after CHAOSS's contributor absence factor, once called the bus factor) the
 * fewest people who between them made half of all attendances.
 */
export type PersonAttendances = { participantId: string; attendances: number };

export type SamePool = {
  /** Lived-experience members who attended at least once this year. */
  participants: number;
  /** Their attendances (one per person per held session). */
  attendances: number;
  /** Percentage (one decimal) of attendances made by the top 10% of attendees; null with none. */
  top10PercentShare: number | null;
  /** The fewest people whose attendances add up to at least half of all; null with none. */
  peopleForHalf: number | null;
  newThisYear: number;
  returningFromLastYear: number;
};

/** Attendances per person, with repeated rows for one person added up and people at 0 left out. */
export function perPerson(rows: readonly PersonAttendances[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.participantId, (counts.get(r.participantId) ?? 0) + r.attendances);
  for (const [id, n] of counts) if (!(n > 0)) counts.delete(id);
  return counts;
}

/** How many people make the top 10%: a tenth of the attendees rounded up, so at least one of any. */
export const topTenthSize = (participants: number) => Math.ceil(participants / 10);

export function samePool(thisYear: readonly PersonAttendances[], lastYear: readonly PersonAttendances[]): SamePool {
  const now = perPerson(thisYear);
  const before = perPerson(lastYear);
  const counts = [...now.values()].sort((a, b) => b - a);
  const attendances = counts.reduce((a, b) => a + b, 0);
  const top = counts.slice(0, topTenthSize(counts.length)).reduce((a, b) => a + b, 0);

  let peopleForHalf: number | null = null;
  let running = 0;
  for (const [i, n] of counts.entries()) {
    running += n;
    // Compare doubled counts rather than halving: exact with odd totals.
    if (running * 2 >= attendances) {
      peopleForHalf = i + 1;
      break;
    }
  }

  const returning = [...now.keys()].filter((id) => before.has(id)).length;
  return {
    participants: now.size,
    attendances,
    top10PercentShare: percent(top, attendances),
    peopleForHalf,
    newThisYear: now.size - returning,
    returningFromLastYear: returning,
  };
}
