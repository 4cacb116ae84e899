import { describe, expect, it } from 'vitest';
import { type FunctionSpec, functions } from '../../functions/catalogue.js';
import { MAIN_READ_ACTIONS, MAIN_WRITE_ACTIONS } from '../../infra/constructs/coproduce-function.js';
import { decisionKeys } from '../../shared/decisions/index.js';
import { evaluationKeys } from '../../shared/evaluation/index.js';
import { feedbackKeys } from '../../shared/feedback/index.js';
import { forumKeys } from '../../shared/forums/index.js';
import { participantKeys } from '../../shared/participants/index.js';
import { paymentKeys } from '../../shared/payments/index.js';
import { keyMatches, keyPatterns, platformKeys } from '../../shared/runtime/access.js';
import { surveyKeys } from '../../shared/surveys/index.js';
import { actionsOf, iamStatements, logicalId, resourcesOf, type Statement, synth } from './synth.js';

// Issue 10: each function's table access is narrowed to the partitions it owns or reads
// (dynamodb:LeadingKeys), from the catalogue's access.keys (docs/decisions/0007-table-access-by-key-prefix.md).

const app = synth();
const { stateful, stateless } = app;
const mainId = logicalId(stateful, stateful.mainTable);
const deployed = functions.filter((f) => f.runsIn !== 'local');

type Conditioned = Statement & { Condition?: Record<string, Record<string, unknown>> };
const policyOf = (name: string): Conditioned[] => {
  const fn = stateless.functions.get(name)!;
  const policy = fn.role.node.tryFindChild('DefaultPolicy') as { node: { defaultChild: unknown } } | undefined;
  if (!policy) return [];
  return app.statelessTemplate.toJSON().Resources[logicalId(stateless, policy)].Properties.PolicyDocument.Statement;
};
const onMainTable = (s: Statement) => resourcesOf(s).some((r) => JSON.stringify(r).includes(mainId));
const itemActions = (s: Statement) => actionsOf(s).filter((a) => a.startsWith('dynamodb:'));
const leadingKeys = (s: Conditioned): string[] | undefined => {
  const v = s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
  return v === undefined ? undefined : ([] as string[]).concat(v as string | string[]).sort();
};
/** The main-table statements that carry item actions (stream reads are on the stream's ARN, not the table's). */
const mainStatements = (name: string) =>
  policyOf(name).filter((s) => onMainTable(s) && itemActions(s).length > 0 && !isStreamOnly(s));
const isStreamOnly = (s: Statement) =>
  itemActions(s).every((a) =>
    ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'].includes(a),
  );

const contextPatterns = new Set<string>([
  ...Object.values(participantKeys),
  ...Object.values(forumKeys),
  ...Object.values(paymentKeys),
  ...Object.values(decisionKeys),
  ...Object.values(feedbackKeys),
  ...Object.values(evaluationKeys),
  ...Object.values(surveyKeys),
  ...Object.values(platformKeys),
]);

describe('main table access by key prefix (dynamodb:LeadingKeys)', () => {
  it('gives every function with main-table access a leading-key condition on every item statement, with exactly its patterns', () => {
    const withMain = deployed.filter((f) => f.access.main);
    expect(withMain.length).toBeGreaterThan(10);
    for (const f of withMain) {
      const { read, write } = keyPatterns(f.access);
      const statements = mainStatements(f.name);
      for (const s of statements) expect(leadingKeys(s), `${f.name}: ${itemActions(s).join(', ')}`).toBeDefined();

      const reads = statements.filter((s) => itemActions(s).includes('dynamodb:GetItem'));
      expect(reads, f.name).toHaveLength(1);
      expect(itemActions(reads[0]!).sort(), f.name).toEqual([...MAIN_READ_ACTIONS].sort());
      expect(leadingKeys(reads[0]!), f.name).toEqual(read);
      // The read grant covers the indexes (a Query on gsi1/gsi2 names the index's partition key).
      expect(JSON.stringify(resourcesOf(reads[0]!)), f.name).toContain('/index/*');

      const writes = statements.filter((s) => itemActions(s).some((a) => /Put|Update|Delete|Write/.test(a)));
      if (f.access.main === 'read') {
        expect(writes, f.name).toEqual([]);
      } else {
        expect(writes, f.name).toHaveLength(1);
        expect(itemActions(writes[0]!).sort(), f.name).toEqual([...MAIN_WRITE_ACTIONS].sort());
        expect(leadingKeys(writes[0]!), f.name).toEqual(write);
        expect(write.length, f.name).toBeGreaterThan(0);
      }
      expect(statements.length, f.name).toBe(reads.length + writes.length);
    }
  });

  it('grants no Scan and no unconditioned item action on the main table to any function', () => {
    const statements = iamStatements(app.statelessTemplate).map(({ statement }) => statement as Conditioned);
    const onMain = statements.filter((s) => onMainTable(s) && itemActions(s).length > 0 && !isStreamOnly(s));
    expect(onMain.length).toBeGreaterThan(0);
    for (const s of onMain) {
      expect(itemActions(s)).not.toContain('dynamodb:Scan');
      expect(itemActions(s)).not.toContain('dynamodb:*');
      expect(leadingKeys(s), itemActions(s).join(', ')).toBeDefined();
    }
  });

  it('gives functions without access.main no main-table action at all', () => {
    for (const f of deployed.filter((x) => !x.access.main)) {
      expect(mainStatements(f.name), f.name).toEqual([]);
    }
  });

  it('uses only patterns the contexts export, and no pattern that matches every key', () => {
    for (const f of functions) {
      const { read, write } = keyPatterns(f.access);
      for (const p of [...read, ...write]) {
        expect(contextPatterns.has(p), `${f.name}: ${p} is not exported by a context`).toBe(true);
        expect(keyMatches(p, 'ANYTHING#01J0000000000000000000000'), `${f.name}: ${p}`).toBe(false);
      }
    }
  });

  it('keeps each context to its own partitions for writes (the payments ledger shares the participant partition)', () => {
    const ownWrites: Record<string, readonly string[]> = {
      'participants-api': Object.values(participantKeys),
      'welcome-task': Object.values(participantKeys),
      'forums-api': Object.values(forumKeys),
      'session-reminders': Object.values(forumKeys),
      'session-invitations': Object.values(forumKeys),
      'consent-withdrawn-sessions': Object.values(forumKeys),
      'sessions-preparing-sweeper': Object.values(forumKeys),
      'payments-api': Object.values(paymentKeys),
      'remunerate-attendance': Object.values(paymentKeys),
      'payment-held-notices': Object.values(paymentKeys),
      'decisions-api': Object.values(decisionKeys),
      'decision-sign-off': Object.values(decisionKeys),
      'decision-reminders': Object.values(decisionKeys),
      'feedback-api': Object.values(feedbackKeys),
      'feedback-report-back': Object.values(feedbackKeys),
      'feedback-notices': Object.values(feedbackKeys),
      'surveys-api': Object.values(surveyKeys),
      'evaluation-api': Object.values(evaluationKeys),
      'ladder-asks': Object.values(evaluationKeys),
      'outbox-relay': [],
      'outbox-sweeper': [],
    };
    const platform = Object.values(platformKeys) as string[];
    for (const f of functions.filter((x) => x.access.main === 'readwrite')) {
      const own = ownWrites[f.name];
      expect(own, `${f.name}: say which context's partitions it may write`).toBeDefined();
      for (const p of keyPatterns(f.access).write) {
        expect([...own!, ...platform], `${f.name} writes ${p}`).toContain(p);
      }
    }
  });

  it('matches the keys the contexts build (worked examples of the IAM StringLike patterns)', () => {
    const id = '01J8ZQ4X7R0000000000000000';
    const cases: [string, string, boolean][] = [
      [participantKeys.participant, `PARTICIPANT#${id}`, true],
      [participantKeys.participants, 'PARTICIPANTS', true],
      [participantKeys.participant, 'PARTICIPANTS', false],
      [forumKeys.forum, `FORUM#${id}#SESSIONS`, true],
      [forumKeys.participantSessions, `PARTICIPANT#${id}#SESSIONS`, true],
      [forumKeys.participantSessions, `PARTICIPANT#${id}#PAYMENTS`, false],
      [decisionKeys.decision, 'DECISIONS', false],
      [decisionKeys.decision, `DECISIONNOTICE#${id}`, false],
      [decisionKeys.byStatus, 'DECISIONS#OPEN', true],
      [platformKeys.outbox, 'OUTBOX#PENDING#3', true],
      [paymentKeys.byStatus, 'PAYMENTS#due', true],
      ['A?C', 'ABC', true],
      ['A?C', 'ABBC', false],
      ['A.C', 'ABC', false],
    ];
    for (const [pattern, value, expected] of cases)
      expect(keyMatches(pattern, value), `${pattern} ~ ${value}`).toBe(expected);
  });

  it('refuses to synthesize a function with main-table access and no keys', () => {
    const bare: FunctionSpec = { name: 'welcome-task', description: 'fixture', access: { main: 'readwrite' } };
    expect(() => synth({ functions: [bare] })).toThrow(/access\.keys/);
    const readOnlyWriter: FunctionSpec = {
      name: 'welcome-task',
      description: 'fixture',
      access: { main: 'read', keys: { write: [participantKeys.task] } },
    };
    expect(() => synth({ functions: [readOnlyWriter] })).toThrow(/'read'/);
  });
});
