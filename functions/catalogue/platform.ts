import { platformKeys } from '../../shared/runtime/access.js';
import { authConfigRoutes, webRoutes } from '../../shared/runtime/http/platform-routes.js';
import type { FunctionSpec } from './types.js';

export const platformFunctions: FunctionSpec[] = [
  {
    name: 'outbox-relay',
    description: 'Publishes outbox items from the table stream to the bus, then marks them sent.',
    access: { main: 'readwrite', bus: true, stream: true, keys: { write: [platformKeys.outbox] } },
  },
  {
    name: 'outbox-sweeper',
    description: 'Safety net: publishes any outbox item still pending after a minute (locally: the relay).',
    // Locally the outbox-relay function gets every committed transaction's events (as the stream
    // does in AWS); this timer only retries what a failed publish left behind, so every five seconds
    // is plenty (and keeps an idle laptop quiet).
    every: { minutes: 1, localMs: 5000 },
    access: { main: 'readwrite', bus: true, keys: { write: [platformKeys.outbox] } },
  },
  {
    name: 'web',
    description:
      'Serves the pages (HTML, CSS, JS) for coordinators, members, finance and governance, and the OpenAPI document.',
    routes: webRoutes,
    // The sign-in domain, so the pages' Content-Security-Policy can let them exchange the code there.
    access: { auth: true },
  },
  {
    name: 'auth-config',
    description: 'Tells the pages how to sign people in: the local dev tokens, or Cognito (authorization code + PKCE).',
    routes: authConfigRoutes,
    access: { auth: true },
  },
];
