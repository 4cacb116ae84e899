import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Generous: a test that passes takes what it takes; these only end a test that hangs. CI may run on
    // a busy machine (processes spawned by a test, a JVM, a browser), so a slow pass must not fail.
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // expect.poll waits for a page or a consumer to catch up. Vitest's default gives up after 1 s,
    // which a loaded machine passes (a browser test failed so under CI at load 8): wait up to 30 s.
    expect: { poll: { timeout: 30_000, interval: 100 } },
    // Two cores on this machine: integration files each start DynamoDB Local, so keep workers low.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
