/** What the report says about how it counts, shown under it (the words; report.ts holds the counting). */
export const reportNotes = [
  'Forum sessions are counted by the date they started in the forum’s own time zone (Irish or UK time); sessions still scheduled are not counted.',
  'Lived-experience presence is the forum’s rule checked against who was recorded as attending a held session, providers included in the share.',
  'Attendances and hours are per person per held session, by the constituency on the person’s record; an attendee whose record no longer exists is not counted.',
  'Decisions are counted by the UTC date they were proposed, each once by its status now: co-signed, objected, overdue, or awaiting signatures. Still open is every one not co-signed.',
  'Days to co-sign run from the proposal to the co-sign-off, for decisions co-signed by now; the median of those.',
  'Payments are counted by the day they became payable (forum-local): due, issued or failed, and declined ones with expenses to pay back. Fees to a charity count as fees.',
  'Held awaiting a choice counts payments held now that were created in the range. Choices are those recorded on payments that became payable (or were declined) in the range.',
];
