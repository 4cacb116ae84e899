/**
 * `npm run demo` (or `DEMO=1 npm start`): the local stack with a small, clearly fictional data set,
 * seeded through the same HTTP API the pages use, so a newcomer can try every role at once:
 *   - a forum (Riverside, a made-up area) with one session held a week ago and two to come;
 *   - five people (made-up names, example.org addresses), four with lived experience;
 *   - the payments of the held session: due ones for finance, and one held for its member to choose;
 *   - a decision from that session, signed by the provider, awaiting the member's signature.
 * Idempotent on a persistent store: each thing is looked up first (by its name or title) and only
 * made when missing, and every create carries a fixed Idempotency-Key, so running it twice (or
 * after a crash half-way) adds nothing twice. `seedDemo` is what test/integration/demo.test.ts runs.
 */

export const DEMO_AREA = 'demo-riverside';
export const DEMO_FORUM = 'Riverside community forum (demo)';
const PAST_TITLE = 'Crisis care pathway review (demo)';
const NEXT_TITLE = 'Peer support drop-in planning (demo)';
const LATER_TITLE = 'Annual plan (demo)';
export const DEMO_DECISION = 'Open the peer drop-in on Thursday evenings (demo)';

type Person = {
  key: string;
  displayName: string;
  stakeholderGroup: 'service-user' | 'family-member' | 'carer' | 'provider';
  benefits: { scheme: string; since?: string }[];
  /** At the session held a week ago. */
  attended: boolean;
};

/** Made-up people. Sam gets Jobseeker's Benefit, so any fee for a day's session is held for Sam to choose. */
const PEOPLE: Person[] = [
  {
    key: 'sam',
    displayName: 'Sam Rivers',
    stakeholderGroup: 'service-user',
    benefits: [{ scheme: 'IE.JB', since: '2025-06-01' }],
    attended: true,
  },
  {
    key: 'niamh',
    displayName: 'Niamh Brook',
    stakeholderGroup: 'service-user',
    benefits: [{ scheme: 'IE.DA', since: '2024-05-01' }],
    attended: true,
  },
  {
    key: 'tomas',
    displayName: 'Tomás Field',
    stakeholderGroup: 'carer',
    benefits: [{ scheme: 'NONE' }],
    attended: true,
  },
  {
    key: 'grace',
    displayName: 'Grace Hill',
    stakeholderGroup: 'family-member',
    benefits: [{ scheme: 'NONE' }],
    attended: false,
  },
  { key: 'owen', displayName: 'Dr Owen Park', stakeholderGroup: 'provider', benefits: [], attended: true },
];

export type DemoResult = {
  forumId: string;
  sessions: { past: string; next: string; later: string };
  decisionId: string;
  people: Record<string, { participantId: string; displayName: string }>;
  /** The member to sign in as: a held payment to choose on and a decision to sign. */
  member: { participantId: string; displayName: string; heldPaymentId: string | undefined };
};

class DemoError extends Error {}

type Api = <T = unknown>(
  method: string,
  path: string,
  o?: { token?: string; body?: unknown; key?: string; ok?: number[] },
) => Promise<T>;

function client(baseUrl: string): Api {
  return async <T>(method: string, path: string, o: Parameters<Api>[2] = {}): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(o.key ? { 'idempotency-key': o.key } : {}),
      },
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    });
    const text = await res.text();
    if (!(o.ok ?? [200, 201, 202]).includes(res.status)) {
      throw new DemoError(`demo: ${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
    }
    return (text.startsWith('{') ? JSON.parse(text) : text) as T;
  };
}

/** Every item of a paginated list. */
async function all<T>(api: Api, path: string, token: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: { items: T[]; nextCursor: string | null } = await api(
      'GET',
      `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token },
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
/** `days` from `now` at `hourUtc`:00 UTC, as the API's offset form. */
const at = (now: Date, days: number, hourUtc: number) => {
  const d = new Date(now);
  d.setUTCDate(d.getUTCDate() + days);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d.toISOString().replace('.000Z', '+00:00');
};
const plusHours = (iso: string, h: number) =>
  new Date(Date.parse(iso) + h * 3600_000).toISOString().replace('.000Z', '+00:00');

/**
 * Seed the demo data through the HTTP API at `baseUrl` (a local stack: tokens from POST /api/dev/token).
 * `settle` (optional) waits for the stack's events; without it, the held payment is polled for.
 */
export async function seedDemo(
  baseUrl: string,
  opts: { now?: Date; settle?: () => Promise<void>; log?: (line: string) => void } = {},
): Promise<DemoResult> {
  const api = client(baseUrl);
  const now = opts.now ?? new Date();
  const log = opts.log ?? (() => {});
  const token = async (sub: string, groups: string[], participantId?: string) =>
    (await api<{ token: string }>('POST', '/api/dev/token', { body: { sub, groups, participantId } })).token;
  const coordinator = await token('coordinator-demo', ['coordinator']);

  // People: found by name in the demo area, else recruited.
  const existing = await all<{ participantId: string; displayName: string }>(
    api,
    `/api/participants?areaId=${DEMO_AREA}`,
    coordinator,
  );
  const people: DemoResult['people'] = {};
  for (const p of PEOPLE) {
    let found = existing.find((e) => e.displayName === p.displayName);
    if (!found) {
      const { participantId } = await api<{ participantId: string }>('POST', '/api/participants', {
        token: coordinator,
        key: `demo-participant-${p.key}`,
        body: {
          displayName: p.displayName,
          contact: { email: `${p.key}.demo@example.org`, phone: '+353 1 555 0100' },
          stakeholderGroup: p.stakeholderGroup,
          areaId: DEMO_AREA,
          jurisdiction: 'IE',
          consent: {
            given: true,
            capacityConfirmed: true,
            recordedAt: at(now, -30, 10),
            scopes: ['forums', 'payments', 'decisions', 'contact'],
          },
          payment: { preference: 'ask' },
          benefits: p.benefits,
        },
      });
      found = { participantId, displayName: p.displayName };
      log(`demo: recruited ${p.displayName}`);
    }
    people[p.key] = { participantId: found.participantId, displayName: p.displayName };
  }
  const invitees = PEOPLE.map((p) => people[p.key]!.participantId);

  // The forum, paying €25 an hour from 90 days before the first run.
  const forums = await all<{ forumId: string; name: string }>(api, '/api/forums', coordinator);
  let forumId = forums.find((f) => f.name === DEMO_FORUM)?.forumId;
  if (!forumId) {
    forumId = (
      await api<{ forumId: string }>('POST', '/api/forums', {
        token: coordinator,
        key: 'demo-forum',
        body: {
          name: DEMO_FORUM,
          level: 'local',
          areaId: DEMO_AREA,
          quorum: { minLivedExperienceMembers: 2, minLivedExperienceShare: 0.3 },
          remuneration: {
            hourlyRateMinor: 2500,
            currency: 'EUR',
            effectiveFrom: day(new Date(now.getTime() - 90 * 86400_000)),
          },
        },
      })
    ).forumId;
    log(`demo: created ${DEMO_FORUM}`);
  }

  // Sessions: a week ago (to be recorded held), next week, in three weeks. Found by title.
  const sessions = await all<{ sessionId: string; title: string; status: string }>(
    api,
    `/api/forums/${forumId}/sessions`,
    coordinator,
  );
  const session = async (title: string, key: string, startsAt: string, agenda: string[]) => {
    const s = sessions.find((x) => x.title === title);
    if (s) return s.sessionId;
    const { sessionId } = await api<{ sessionId: string }>('POST', `/api/forums/${forumId}/sessions`, {
      token: coordinator,
      key: `demo-session-${key}`,
      body: {
        title,
        startsAt,
        endsAt: plusHours(startsAt, 2),
        venue: { name: 'Riverside Community Centre, Room 2 (demo)', accessible: true },
        agenda,
        invitees,
      },
    });
    log(`demo: scheduled ${title}`);
    return sessionId;
  };
  const past = await session(PAST_TITLE, 'past', at(now, -7, 17), ['Welcome', 'What happens after a crisis call']);
  const next = await session(NEXT_TITLE, 'next', at(now, 7, 17), ['Welcome', 'Drop-in hours', 'Who staffs it']);
  const later = await session(LATER_TITLE, 'later', at(now, 21, 17), ['The year ahead', 'Budget']);

  // The past session held: attendance recorded once (a repeat is a no-op; a held session is skipped).
  const pastNow = await api<{ status: string }>('GET', `/api/sessions/${past}`, { token: coordinator });
  if (pastNow.status !== 'held') {
    await api('POST', `/api/sessions/${past}/held`, {
      token: coordinator,
      body: {
        attendance: PEOPLE.filter((p) => p.attended).map((p) => ({
          participantId: people[p.key]!.participantId,
          hours: 2,
          expenses: p.key === 'niamh' ? [{ kind: 'travel', amountMinor: 1240, receiptRef: 'BUS-DEMO-0412' }] : [],
        })),
      },
    });
    log(`demo: recorded ${PAST_TITLE} held`);
  }

  // Sam's payment for it: held, waiting for Sam's choice (remuneration runs on the event).
  const sam = people.sam!;
  const samPayments = async () =>
    all<{ paymentId: string; status: string; sessionId?: string }>(
      api,
      `/api/payments?participantId=${sam.participantId}`,
      coordinator,
    );
  let payments = await samPayments();
  for (let i = 0; i < 100 && payments.length === 0; i++) {
    if (opts.settle) await opts.settle();
    else await new Promise((r) => setTimeout(r, 200));
    payments = await samPayments();
  }
  const held = payments.find((p) => p.status === 'held');

  // The decision from the past session, signed by the provider, awaiting the members' signatures.
  const decisions = await all<{ decisionId: string; title: string }>(api, '/api/decisions', coordinator);
  let decisionId = decisions.find((d) => d.title === DEMO_DECISION)?.decisionId;
  if (!decisionId) {
    decisionId = (
      await api<{ decisionId: string }>('POST', '/api/decisions', {
        token: coordinator,
        key: 'demo-decision',
        body: {
          title: DEMO_DECISION,
          text: 'From next month the peer drop-in stays open until 21:00 on Thursdays, staffed by two peer workers. We look at how it went after three months.',
          forumId,
          sessionId: past,
          signOffDueAt: at(now, 14, 17),
        },
      })
    ).decisionId;
    const owen = people.owen!;
    await api('POST', `/api/decisions/${decisionId}/signatures`, {
      token: await token('member-demo-owen', ['member'], owen.participantId),
      key: 'demo-signature-owen',
      body: { stance: 'approve', comment: 'Agreed; we can staff it from the community team.' },
    });
    log(`demo: proposed "${DEMO_DECISION}" (signed by ${owen.displayName})`);
  }
  if (opts.settle) await opts.settle();

  return {
    forumId,
    sessions: { past, next, later },
    decisionId,
    people,
    member: { participantId: sam.participantId, displayName: sam.displayName, heldPaymentId: held?.paymentId },
  };
}

/** How to sign in as each role, for the terminal. */
export function demoSignIn(baseUrl: string, d: DemoResult): string {
  const niamh = d.people.niamh!;
  return [
    '',
    'Demo data is ready. Everything in it is made up: the people, their benefits, the area and the forum.',
    `  ${DEMO_FORUM}: one session held a week ago, two to come; a decision awaiting signatures.`,
    `  Sign in at ${baseUrl}/sign-in — type any name, then choose:`,
    '    Coordinator   forums and sessions, the held payment, tasks, recruiting',
    '    Finance       the payments to make from last week’s session (Finance page)',
    '    Governance    the decision log, the audit check and the co-production report',
    `    Member        with participant number ${d.member.participantId}`,
    `                  (you are ${d.member.displayName}: a payment held for your choice, a decision to sign, sessions to come)`,
    `    Member        or ${niamh.participantId} (${niamh.displayName}: a payment on its way, the same decision)`,
    '  Running `npm run demo` again adds nothing twice (it finds what is already there).',
    '',
  ].join('\n');
}
