import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { everyAccess, type Synth, synth } from './synth.js';

const apps: [string, Synth][] = [
  ['the catalogue', synth()],
  [
    'every access flag, with the finance webhook',
    synth({ functions: [everyAccess], context: { financeWebhookUrl: 'https://finance.example.org/hooks' } }),
  ],
];

const findings = (s: Synth) =>
  [s.stateful, s.stateless].flatMap((stack) =>
    new AwsSolutionsChecks(s.app).validateScope(stack).violations.map((v) => ({
      rule: v.ruleName,
      severity: v.severity,
      at: v.violatingResources.map((r) => r.constructPath),
    })),
  );

describe.each(apps)('cdk-nag AwsSolutions on %s', (_, s) => {
  it('reports no unacknowledged error', () => {
    expect(findings(s).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reports no unacknowledged warning either', () => {
    expect(findings(s).filter((f) => f.severity !== 'error')).toEqual([]);
  });

  it('gives every acknowledgement a reason', () => {
    const acknowledgements = s.app.node
      .findAll()
      .flatMap((c) =>
        c.node.metadata
          .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((m) =>
            Object.entries(m.data as Record<string, unknown>).map(([id, reason]) => ({ at: c.node.path, id, reason })),
          ),
      );
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const a of acknowledgements) {
      expect(typeof a.reason === 'string' && a.reason.trim().length >= 30, `${a.id} at ${a.at}`).toBe(true);
    }
  });
});
