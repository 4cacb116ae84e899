/**
 * What the API warned about when a session was scheduled (in the past, no rate in force, clashes,
 * a venue not marked accessible…), carried to the session page it opens next. The session's own
 * view has warnings only while it is still to come, so the scheduling answer's are kept here once.
 */
export type Warning = { kind: string; message: string; participantId?: string; sessionId?: string };

const key = (sessionId: string) => `coproduce.warnings.${sessionId}`;

export function rememberWarnings(sessionId: string, warnings: readonly Warning[]): void {
  try {
    sessionStorage.setItem(key(sessionId), JSON.stringify(warnings));
  } catch {
    // Storage full or blocked: the session page then shows its own warnings only.
  }
}

/** The warnings kept for this session, once (they are forgotten as they are read). */
export function takeWarnings(sessionId: string): Warning[] {
  const raw = sessionStorage.getItem(key(sessionId));
  sessionStorage.removeItem(key(sessionId));
  try {
    const list = JSON.parse(raw || '[]') as unknown;
    return Array.isArray(list) ? (list as Warning[]).filter((w) => typeof w?.message === 'string') : [];
  } catch {
    return [];
  }
}

/** Warnings from two sources, each message once. */
export const mergeWarnings = (a: readonly Warning[], b: readonly Warning[]): Warning[] => {
  const seen = new Set<string>();
  return [...a, ...b].filter((w) => {
    if (seen.has(w.message)) return false;
    seen.add(w.message);
    return true;
  });
};

/** The session has not started yet: invitations and reminders still mean something. */
export const isUpcoming = (v: { status: string; startsAt: string }, now = Date.now()) =>
  v.status === 'scheduled' && Date.parse(v.startsAt) > now;

/** What the page says once a session is scheduled: reminders are promised only for one still to come. */
export const scheduledMessage = (v: { status: string; startsAt: string }, now = Date.now()) =>
  isUpcoming(v, now)
    ? 'Session scheduled. Invitations and reminders go to everyone invited who agreed to be contacted.'
    : 'Session scheduled. It has already started, so no invitations or reminders are sent: record who attended below.';
