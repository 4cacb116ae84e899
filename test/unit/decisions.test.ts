import { describe, expect, it } from 'vitest';
import { buildEvent } from '../../events/define-event.js';
import { DecisionSigned } from '../../events/index.js';
import {
  amended,
  type Decision,
  emptyTally,
  markedOverdue,
  mayTakePart,
  ProposeDecisionInput,
  proposedDecision,
  signed,
  statusOf,
  stillToSign,
  textHash,
} from '../../shared/decisions/domain/decisions.js';
import { emptyHead } from '../../shared/decisions/domain/hash-chain.js';

const now = '2026-03-02T10:00:00.000+00:00';
const input = {
  title: 'Evening drop-in',
  text: 'Open the drop-in until 21:00 on Thursdays.',
  forumId: 'F1',
  signOffDueAt: '2026-03-16T17:00:00+01:00',
};
const fresh = (): Decision => ({ ...proposedDecision(input, 'D1', now), audit: emptyHead });

describe('textHash', () => {
  it('is the SHA-256 hex of the exact text', () => {
    expect(textHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(textHash('abc ')).not.toBe(textHash('abc'));
  });
});

describe('co-sign-off', () => {
  it('stays proposed with a provider approval alone', () => {
    const { decision, coSigned } = signed(fresh(), { constituency: 'provider', stance: 'approve' }, now);
    expect(decision.status).toBe('proposed');
    expect(coSigned).toBe(false);
  });

  it('stays proposed with lived-experience approvals alone, however many', () => {
    let d = fresh();
    for (let i = 0; i < 5; i++) d = signed(d, { constituency: 'lived-experience', stance: 'approve' }, now).decision;
    expect(d.status).toBe('proposed');
  });

  it('is co-signed once each constituency has approved, and says so once', () => {
    const a = signed(fresh(), { constituency: 'provider', stance: 'approve' }, now);
    const b = signed(a.decision, { constituency: 'lived-experience', stance: 'approve' }, now);
    expect(b.decision.status).toBe('co-signed');
    expect(b.coSigned).toBe(true);
    expect(b.decision.coSignedAt).toBe(now);
  });

  it('is objected when someone objects before co-sign-off', () => {
    const { decision, objected } = signed(fresh(), { constituency: 'lived-experience', stance: 'object' }, now);
    expect(decision.status).toBe('objected');
    expect(objected).toBe(true);
  });

  it('can still be co-signed after an objection, once both constituencies approve', () => {
    let d = signed(fresh(), { constituency: 'provider', stance: 'object' }, now).decision;
    d = signed(d, { constituency: 'provider', stance: 'approve' }, now).decision;
    d = signed(d, { constituency: 'lived-experience', stance: 'approve' }, now).decision;
    expect(d.status).toBe('co-signed');
  });
});

describe('amending', () => {
  it('starts a new revision with no signatures counting and reopens a co-signed decision', () => {
    let d = signed(fresh(), { constituency: 'provider', stance: 'approve' }, now).decision;
    d = signed(d, { constituency: 'lived-experience', stance: 'approve' }, now).decision;
    const next = amended(d, { text: 'Open until 22:00.' }, new Date(now));
    expect(next).toMatchObject({
      status: 'proposed',
      revision: 2,
      tally: emptyTally,
      textHash: textHash('Open until 22:00.'),
    });
    expect(next.coSignedAt).toBeUndefined();
  });

  it('keeps a late decision overdue unless the due date moves into the future', () => {
    const late = markedOverdue(fresh(), '2026-03-17T00:00:00.000+00:00');
    const at = new Date('2026-03-18T00:00:00Z');
    expect(amended(late, { text: 'x' }, at).status).toBe('overdue');
    expect(amended(late, { text: 'x', signOffDueAt: '2026-04-01T00:00:00+00:00' }, at).status).toBe('proposed');
  });
});

describe('status', () => {
  it('puts an objection before lateness: amending is what helps', () => {
    expect(statusOf({ tally: { ...emptyTally, objections: 1 }, overdueSince: now })).toBe('objected');
    expect(statusOf({ tally: emptyTally, overdueSince: now })).toBe('overdue');
  });
});

describe('ProposeDecisionInput', () => {
  it('names each missing field', () => {
    const r = ProposeDecisionInput.safeParse({});
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['forumId', 'signOffDueAt', 'text', 'title']);
  });

  it('refuses a text that is only spaces', () => {
    expect(ProposeDecisionInput.safeParse({ ...input, text: '   ' }).success).toBe(false);
  });

  it('stores the due date in UTC', () => {
    expect(proposedDecision(input, 'D1', now).signOffDueAt).toBe('2026-03-16T16:00:00.000+00:00');
  });
});

describe('stillToSign', () => {
  it('asks invitees and earlier signers who have not signed the current text', () => {
    const ids = stillToSign({
      invitees: ['A', 'B', 'C'],
      signatures: [
        { participantId: 'A', revision: 2 },
        { participantId: 'D', revision: 1 },
        { participantId: 'B', revision: 1 },
      ],
      currentRevision: 2,
    });
    expect(ids.sort()).toEqual(['B', 'C', 'D']);
  });
});

describe('mayTakePart (who may read and sign as a member)', () => {
  const member = { participantId: 'P1', areaId: 'cho5-waterford' };
  const forum = { areaId: 'cho5-waterford' };

  it('lets an invitee of the decision’s session take part, wherever they live', () => {
    const d = { sessionId: 'S1' };
    expect(mayTakePart(d, { ...member, areaId: 'cho1-donegal' }, { forum, invitation: { status: 'invited' } })).toEqual(
      {
        ok: true,
      },
    );
    expect(mayTakePart(d, member, { forum, invitation: { status: 'cancelled' } }).ok).toBe(true);
  });

  it('refuses someone not invited to the session, even in the forum’s area', () => {
    const d = { sessionId: 'S1' };
    const verdict = mayTakePart(d, member, { forum });
    expect(verdict.ok).toBe(false);
    expect(mayTakePart(d, member, { forum, invitation: { status: 'dropped' } }).ok).toBe(false);
  });

  it('falls back to the forum’s area for a decision without a session', () => {
    expect(mayTakePart({}, member, { forum }).ok).toBe(true);
    expect(mayTakePart({}, { ...member, areaId: 'cho1-donegal' }, { forum }).ok).toBe(false);
    expect(mayTakePart({}, member, {}).ok).toBe(false);
  });
});

describe('DecisionSigned', () => {
  const data = {
    decisionId: '01J00000000000000000000005',
    participantId: '01J00000000000000000000001',
    stance: 'approve',
    textHash: 'a'.repeat(64),
    revision: 1,
    signedAt: '2026-03-02T18:00:00+00:00',
  } as const;
  const meta = { idempotencyKey: 'k', occurredAt: '2026-03-02T18:00:00+00:00' };

  it('carries no constituency (it would say the signer uses services or is a carer)', () => {
    expect(DecisionSigned.detail.safeParse(buildEvent(DecisionSigned, data, meta).detail).success).toBe(true);
    const withConstituency = { ...data, constituency: 'lived-experience' };
    expect(() => buildEvent(DecisionSigned, withConstituency as never, meta)).toThrow();
  });
});
