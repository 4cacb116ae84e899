/** `npm start`: the whole product on one machine (see README: Configuration). */
import * as z from 'zod/mini';
import { readEnv } from '../runtime/env.js';
import { JavaMissingError, PortInUseError } from './dynamodb.js';
import { startLocalStack } from './stack.js';

// Lambda runs Node 24; this machine's Node 20 is supported by the pinned SDK, so its notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const env = readEnv({
  PORT: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(65535)), 3000),
  DYNAMODB_PORT: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(65535)), 8000),
  DATA_DIR: z._default(z.string().check(z.minLength(1)), './.coproduce'),
  IN_MEMORY: z.optional(z.enum(['0', '1', 'true', 'false', ''])),
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  QUIET: z.optional(z.enum(['0', '1'])),
  DEMO: z.optional(z.enum(['0', '1'])),
});
// `npm run demo` passes --demo (the same as DEMO=1): seed the fictional demo data once started.
const demo = env.DEMO === '1' || process.argv.includes('--demo');
const inMemory = env.IN_MEMORY === '1' || env.IN_MEMORY === 'true';

try {
  const started = performance.now();
  console.log('Starting Coproduce on this machine…');
  const stack = await startLocalStack({
    port: env.PORT,
    dynamodbPort: env.DYNAMODB_PORT,
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT,
    dataDir: inMemory ? undefined : env.DATA_DIR,
    timers: true,
    log: env.QUIET === '1' ? undefined : (line) => console.log(line),
    progress: (line) => console.log(line),
  });
  console.log(
    [
      '',
      `Coproduce is running (ready in ${Math.round(performance.now() - started)} ms).`,
      `  Pages and API   ${stack.url}/  (sign in: ${stack.url}/sign-in)`,
      `  Health          ${stack.url}/api/health`,
      `  DynamoDB        ${stack.dynamodbEndpoint} (${env.DYNAMODB_ENDPOINT ? 'existing' : inMemory ? 'DynamoDB Local, in memory' : `DynamoDB Local, data in ${env.DATA_DIR}`}); tables ${stack.tables.main}, ${stack.tables.audit}`,
      ...(env.DYNAMODB_ENDPOINT
        ? []
        : [
            `                  DynamoDB Local listens on every network interface: on a shared network, firewall port ${env.DYNAMODB_PORT}.`,
          ]),
      '  Event bus       local, routing by the event contracts; dead letters at /api/dev/dead-letters',
      '  Scheduler       local, one-time schedules kept in the table',
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  if (demo) {
    console.log('Seeding the demo data through the API (made-up people and a made-up forum)…');
    const { demoSignIn, seedDemo } = await import('./demo.js');
    try {
      const seeded = await seedDemo(stack.url, { log: (line) => console.log(line) });
      console.log(demoSignIn(stack.url, seeded));
    } catch (err) {
      // The product still runs; say what failed rather than stopping it.
      console.error(`The demo data could not be seeded: ${(err as Error).message}`);
    }
  }
  let stoppingSince: number | undefined;
  const stop = async (signal: string) => {
    // tsx passes the terminal's Ctrl-C on to this process too, so one press can arrive twice at once:
    // only a press a moment later means "stop now".
    if (stoppingSince !== undefined && Date.now() - stoppingSince < 1000) return;
    if (stoppingSince !== undefined) {
      // A second Ctrl-C: stop now (DynamoDB Local is killed on exit; pending events stay in the outbox).
      console.log(`\n${signal} again: stopping now.`);
      process.exit(130);
    }
    stoppingSince = Date.now();
    console.log(`\n${signal}: stopping… (press Ctrl-C again to stop at once)`);
    await stack.stop();
    console.log('Stopped (DynamoDB Local included).');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (err) {
  if (err instanceof JavaMissingError || err instanceof PortInUseError) {
    console.error(err.message);
    process.exit(1);
  }
  console.error(`Could not start: ${(err as Error).message}`);
  process.exit(1);
}
