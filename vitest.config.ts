import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts Redis + a MongoDB-wire server unless REDIS_URL / MONGO_URL are set.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration tests on a 2-core machine: separate processes (native sockets,
    // child servers and process.on('exit') behave as in production), two at a time.
    // Test files may run in parallel: each test uses its own tenant ids.
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    teardownTimeout: 30_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
