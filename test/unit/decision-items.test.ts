import { describe, expect, it } from 'vitest';
import { ChainEntryItem, ChainRegistrationItem } from '../../shared/decisions/adapters/audit-repo.js';
import {
  DecisionItem,
  putNewDecision,
  putSignature,
  putTextRevision,
  SessionInviteesItem,
  SignatureItem,
  TextRevisionItem,
} from '../../shared/decisions/adapters/decisions-repo.js';
import { type Decision, proposedDecision, textHash } from '../../shared/decisions/domain/decisions.js';
import { appendToChain, emptyHead, verifyChain } from '../../shared/decisions/domain/hash-chain.js';
import type { Db } from '../../shared/runtime/store/db.js';
import { MalformedItemError, parseItem } from '../../shared/runtime/store/item.js';

const db = { table: 'T' } as Db;
const now = '2026-03-02T10:00:00.000+00:00';
const decision: Decision = {
  ...proposedDecision(
    { title: 'Evening drop-in', text: 'Open until 21:00.', forumId: 'F1', signOffDueAt: '2026-03-16T17:00:00+00:00' },
    '01JQ00000000000000000DECIS',
    now,
  ),
  audit: { length: 1, hash: 'a'.repeat(64) },
};
/** The item a TransactWrite Put carries, as DynamoDB would hand it back. */
const written = (tx: { Put?: { Item?: Record<string, unknown> } }) => ({ ...tx.Put?.Item });

describe('decision items', () => {
  it('reads a stored decision back as the domain decision with its version, without the storage attributes', () => {
    const item = written(putNewDecision(db, decision));
    expect(item).toMatchObject({ pk: `DECISION#${decision.decisionId}`, entity: 'decision', gsi1pk: 'DECISIONS' });
    expect(parseItem(DecisionItem, item)).toEqual({ ...decision, version: 1 });
  });

  it('writes the version it is given, not the one of the decision it was read as', () => {
    const item = written(putNewDecision(db, { ...decision, version: 7 } as Decision));
    expect(item.version).toBe(1);
  });

  it('names the key of a malformed stored decision', () => {
    const item = { ...written(putNewDecision(db, decision)), status: 'maybe' };
    expect(() => parseItem(DecisionItem, item)).toThrow(MalformedItemError);
    expect(() => parseItem(DecisionItem, item)).toThrow(
      `Stored decision item pk=DECISION#${decision.decisionId} sk=DECISION is malformed: status:`,
    );
  });

  it('reads text revisions and signatures back as written', () => {
    const text = { revision: 1, text: 'Open until 21:00.', textHash: textHash('Open until 21:00.'), createdAt: now };
    expect(parseItem(TextRevisionItem, written(putTextRevision(db, decision.decisionId, text)))).toEqual(text);
    const signature = {
      participantId: '01JQ0000000000000000000P01',
      constituency: 'provider' as const,
      stance: 'approve' as const,
      signedAt: now,
      textHash: text.textHash,
      revision: 1,
    };
    expect(parseItem(SignatureItem, written(putSignature(db, decision.decisionId, signature)))).toEqual(signature);
  });

  it('names the key of a signature without a stance', () => {
    const item = { pk: 'DECISION#D1', sk: 'SIG#0001#P1', entity: 'decision-signature', participantId: 'P1' };
    expect(() => parseItem(SignatureItem, item)).toThrow(/pk=DECISION#D1 sk=SIG#0001#P1 is malformed: .*stance/);
  });

  it('reads a session invitees copy stored before this change, which also kept the session’s times', () => {
    const stored = {
      pk: 'DECISIONSESSION#S1',
      sk: 'INVITEES',
      entity: 'decision-session-invitees',
      sessionId: 'S1',
      forumId: 'F1',
      startsAt: '2026-03-02T18:00:00+00:00',
      endsAt: '2026-03-02T20:00:00+00:00',
      inviteeIds: ['P1', 'P2'],
    };
    expect(parseItem(SessionInviteesItem, stored)).toEqual({
      sessionId: 'S1',
      forumId: 'F1',
      inviteeIds: ['P1', 'P2'],
    });
  });
});

describe('audit items', () => {
  it('names the key of a malformed chain registration', () => {
    const item = { pk: 'CHAINS', sk: 'CHAIN#D1', createdAt: now };
    expect(() => parseItem(ChainRegistrationItem, item)).toThrow(/pk=CHAINS sk=CHAIN#D1 is malformed: chainId/);
  });

  it('keeps every attribute of a chain entry as evidence, so an added one breaks the chain there', () => {
    const chainId = decision.decisionId;
    const events = [0, 1].map((i) => ({ eventId: `E${i}`, type: 'DecisionSigned', occurredAt: now, data: { i } }));
    const { entries, head } = appendToChain(chainId, emptyHead, events);
    const stored = entries.map((e, i) => {
      const raw = { pk: `CHAIN#${chainId}`, sk: `ENTRY#${e.seq}`, ...e, ...(i === 1 ? { note: 'added' } : {}) };
      const { pk: _pk, sk: _sk, ...item } = parseItem(ChainEntryItem, raw);
      return { position: e.seq, item };
    });
    expect(stored[1]?.item.note).toBe('added');
    expect(verifyChain(chainId, head, { before: stored })).toMatchObject({
      ok: false,
      firstBrokenEntry: `${chainId}/0000000002`,
    });
  });
});
