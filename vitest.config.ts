import { defineConfig } from 'vitest/config';

/**
 * One `vitest run` (= `npm test`) runs the suite twice, as two projects:
 *   single   the service on one Redis (the root global setup's, or REDIS_URL);
 *   cluster  the same files with the service on a three-master Redis Cluster that the cluster
 *            project's global setup starts (or REDIS_TEST_CLUSTER_NODES), see global-setup-cluster.ts.
 * `npx vitest run --project single` runs one of them; RESERVOIR_TEST_CLUSTER=0 leaves the cluster out.
 */

/**
 * Files that prove nothing more on a cluster (test helpers, MongoDB-only behaviour, the imports of
 * the source) or that stop and restart one Redis process under the service (the cluster's own
 * failover is tested in redis-cluster.cluster.test.ts and redis-failover.cluster.test.ts).
 */
const SINGLE_ONLY = [
  'test/test-servers.test.ts',
  'test/archive.write-concern.test.ts',
  'test/imports.test.ts',
  'test/sync.mongodb-killed.test.ts',
  // its own master and replica
  'test/redis.wait-replicas.test.ts',
  // the compiled build is the same whatever Redis it runs on
  'test/build.test.ts',
  // a page in a browser: nothing of it depends on the Redis
  'test/docs.browser.test.ts',
  'test/console.browser.test.ts',
  // files checked, no server
  'test/deploy.test.ts',
  'test/docs.links.test.ts',
  'test/logs.test.ts',
  // functions checked against generated input, no server
  'test/schemas.accept.property.test.ts',
  'test/stored-order.property.test.ts',
];
/** Files that only make sense on a cluster. */
const CLUSTER_ONLY = ['test/**/*.cluster.test.ts'];

const shared = {
  include: ['test/**/*.test.ts'],
  testTimeout: 30_000,
  hookTimeout: 120_000,
  // Integration tests on a 2-core machine: separate processes (native sockets,
  // child servers and process.on('exit') behave as in production).
  // Test files may run in parallel: each test uses its own tenant ids.
  pool: 'forks' as const,
  teardownTimeout: 30_000,
};

const withCluster = process.env.RESERVOIR_TEST_CLUSTER !== '0';

export default defineConfig({
  test: {
    // Starts Redis + a MongoDB-wire server unless REDIS_URL / MONGO_URL are set; every project
    // inherits what it provides.
    globalSetup: ['test/support/global-setup.ts'],
    // Two test files at a time across both projects.
    maxWorkers: 2,
    // A committed `.only` fails the run instead of silently running one test.
    allowOnly: false,
    fileParallelism: true,
    teardownTimeout: 30_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      { test: { ...shared, name: 'single', exclude: CLUSTER_ONLY } },
      ...(withCluster
        ? [
            {
              test: {
                ...shared,
                name: 'cluster',
                exclude: SINGLE_ONLY,
                globalSetup: ['test/support/global-setup-cluster.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
