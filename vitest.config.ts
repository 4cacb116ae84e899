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
    // Two cores on this machine: integration files each start DynamoDB Local, so keep workers low.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
