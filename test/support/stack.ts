import { ulid } from 'ulid';
import { inject } from 'vitest';
import { api } from '../../functions/catalogue.js';
import { type Clock, fixedClock } from '../../shared/kernel/clock.js';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../shared/local/stack.js';
import { typedClient } from './api-client.js';

export type TestStack = LocalStack & {
  clock: ReturnType<typeof fixedClock> | Clock;
  /** fetch against the stack with an optional bearer token; JSON in, JSON (or text) out. */
  call(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; json: any; text: string; headers: Headers }>;
  tokenFor(groups: string[], participantId?: string): Promise<string>;
  /** The API typed by its route definitions: `stack.api.recruitParticipant({ token, body })`. */
  api: ReturnType<typeof typedClient<typeof api>>;
};

/**
 * The real local stack (same functions, bus, scheduler and HTTP server as `npm start`) on a free
 * port, against the run's shared DynamoDB Local with tables of its own.
 */
export async function startTestStack(
  opts: { clock?: Clock; financeWebhook?: LocalStackOptions['financeWebhook']; tablePrefix?: string } = {},
): Promise<TestStack> {
  const stack = await startLocalStack({
    port: 0,
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    tablePrefix: opts.tablePrefix ?? `t${ulid().toLowerCase()}-`,
    clock: opts.clock,
    financeWebhook: opts.financeWebhook,
    timers: false,
  });
  const call: TestStack['call'] = async (method, path, o = {}) => {
    const res = await fetch(`${stack.url}${path}`, {
      method,
      headers: {
        ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...o.headers,
      },
      body: o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body),
    });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text, headers: res.headers };
  };
  return Object.assign(stack, {
    clock: opts.clock ?? stack.deps.clock,
    call,
    api: typedClient(api, call),
    tokenFor: (groups: string[], participantId?: string) =>
      stack.token({ sub: `${groups.join('-')}-${participantId ?? ulid()}`, groups, participantId }),
  });
}

export { fixedClock };
