import type { App } from 'aws-cdk-lib';
import type { FunctionSpec } from '../functions/catalogue.js';
import { readConfig } from './config.js';
import { StatefulStack } from './stacks/stateful-stack.js';
import { StatelessStack } from './stacks/stateless-stack.js';

/**
 * Both stacks of one stage. app.ts calls this (and adds cdk-nag); the infra tests call it with
 * context of their own, so they test exactly what is deployed.
 */
export function buildCoproduce(app: App, options: { functions?: readonly FunctionSpec[] } = {}) {
  const config = readConfig(app);
  // Env-agnostic unless the CLI knows both account and region (credentials present): synth works
  // offline, with no lookups. (Offline the CLI still passes a default region; alone it is not used.)
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  const env = account && region ? { account, region } : undefined;
  const tags = { project: 'coproduce', stage: config.stage };

  const stateful = new StatefulStack(app, `Coproduce-${config.stage}-Stateful`, {
    env,
    config,
    tags,
    description: `Coproduce ${config.stage}: tables, keys, bus, user pool, finance hand-off (RETAIN)`,
    terminationProtection: true,
  });
  const stateless = new StatelessStack(app, `Coproduce-${config.stage}-Stateless`, {
    env,
    config,
    tags,
    stateful,
    functions: options.functions,
    description: `Coproduce ${config.stage}: functions from the catalogue, rules, HTTP API`,
  });
  return { config, stateful, stateless };
}
