import type { FunctionSpec } from './types.js';

export const platformFunctions: FunctionSpec[] = [
  {
    name: 'outbox-relay',
    description: 'Publishes outbox items from the table stream to the bus, then marks them sent.',
    access: { main: 'readwrite', bus: true, stream: true },
  },
  {
    name: 'outbox-sweeper',
    description: 'Safety net: publishes any outbox item still pending after a minute (locally: the relay).',
    every: { minutes: 1, localMs: 100 },
    access: { main: 'readwrite', bus: true },
  },
  {
    name: 'web',
    description: 'Serves the pages (HTML, CSS, JS) for coordinators, members, finance and governance.',
    routes: [
      { method: 'GET', path: '/', fn: 'web', roles: 'public' },
      { method: 'GET', path: '/{proxy+}', fn: 'web', roles: 'public' },
    ],
    access: {},
  },
];
