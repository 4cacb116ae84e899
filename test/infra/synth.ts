import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';
import { PaymentDue, SessionHeld } from '../../events/index.js';
import type { FunctionSpec } from '../../functions/catalogue.js';
import { REPO_ROOT } from '../../infra/constructs/coproduce-function.js';
import { buildCoproduce } from '../../infra/coproduce.js';
import { defineRoutes } from '../../shared/runtime/http/routes.js';

/** The CLI reads cdk.json's context (feature flags, default stage); a test App must be given it. */
const cdkJsonContext = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')).context as Record<string, unknown>;

export type Synth = ReturnType<typeof buildCoproduce> & {
  app: App;
  stateful: ReturnType<typeof buildCoproduce>['stateful'];
  statefulTemplate: Template;
  statelessTemplate: Template;
};

/**
 * The app exactly as infra/app.ts builds it (minus the cdk-nag plugin, which the nag test runs
 * directly), for stage `test`. Bundling is skipped unless asked for: it costs seconds per function.
 */
export function synth(
  options: { functions?: readonly FunctionSpec[]; context?: Record<string, unknown>; bundle?: boolean } = {},
): Synth {
  const app = new App({
    context: {
      ...cdkJsonContext,
      stage: 'test',
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
  const built = buildCoproduce(app, { functions: options.functions });
  return {
    ...built,
    app,
    statefulTemplate: Template.fromStack(built.stateful),
    statelessTemplate: Template.fromStack(built.stateless),
  };
}

type Resource = { Type: string; Properties?: any; DeletionPolicy?: string; UpdateReplacePolicy?: string };
export const resources = (t: Template, type: string): [string, Resource][] =>
  Object.entries(t.findResources(type) as Record<string, Resource>);

/** The one element of a list (and a failed assertion when there is not exactly one). */
export function single<T>(list: readonly T[]): T {
  expect(list).toHaveLength(1);
  return list[0]!;
}

export const logicalId = (stack: Stack, construct: { node: { defaultChild?: unknown } } | unknown): string => {
  const cfn = (construct as { node: { defaultChild?: unknown } }).node?.defaultChild ?? construct;
  return stack.getLogicalId(cfn as Parameters<Stack['getLogicalId']>[0]);
};

/** `{ Fn::GetAtt: [id, 'Arn'] }` / `{ Ref: id }` → id. */
export const refId = (v: any): string | undefined => v?.['Fn::GetAtt']?.[0] ?? v?.Ref;

export type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
export const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
export const resourcesOf = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

/** Every identity-policy statement in a template: AWS::IAM::Policy documents and roles' inline policies. */
export function iamStatements(t: Template): { owner: string; statement: Statement }[] {
  const fromPolicies = resources(t, 'AWS::IAM::Policy').flatMap(([id, r]) =>
    (r.Properties.PolicyDocument.Statement as Statement[]).map((statement) => ({ owner: id, statement })),
  );
  const fromRoles = resources(t, 'AWS::IAM::Role').flatMap(([id, r]) =>
    ((r.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap((p) =>
      p.PolicyDocument.Statement.map((statement) => ({ owner: id, statement })),
    ),
  );
  return [...fromPolicies, ...fromRoles];
}

/** Every access flag at once, to see each flag's grant and variable (any existing handler will do). */
export const everyAccess: FunctionSpec = {
  name: 'outbox-relay',
  description: 'fixture: every access flag, a route, two subscriptions, a schedule',
  routes: defineRoutes('outbox-relay', {
    fixture: { method: 'GET', path: '/api/fixture', roles: ['coordinator'], summary: 'fixture', responses: {} },
  }),
  subscribes: [SessionHeld, PaymentDue],
  every: { minutes: 5, localMs: 1 },
  access: {
    main: 'read',
    keys: { read: ['FIXTURE#*', 'FIXTURES'] },
    audit: 'append',
    bus: true,
    scheduler: true,
    notifier: true,
    stream: true,
    publicUrl: true,
    auth: true,
  },
};
