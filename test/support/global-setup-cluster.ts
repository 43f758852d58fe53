/**
 * vitest globalSetup of the `cluster` project: the same suite, with the service on a Redis Cluster.
 *
 *   a) REDIS_TEST_CLUSTER_NODES set (host:port seeds of a cluster you run) → used as is;
 *   b) otherwise → a throwaway cluster of three masters and three replicas of Debian's redis-server on loopback ports,
 *      joined with `redis-cli --cluster create` (test/support/servers.ts startRedisCluster).
 *
 * Tests read the seeds with `inject('redisClusterNodes')`; the harness builds a Cluster client
 * when they are set. MongoDB and the single Redis come from the root global setup, which runs
 * first and whose provided values every project inherits.
 */
import type { TestProject } from 'vitest/node';
import { startRedisCluster } from './servers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Seeds of the Redis Cluster the `cluster` project runs on; unset in the `single` project. */
    redisClusterNodes?: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.REDIS_TEST_CLUSTER_NODES;
  if (external) {
    project.provide('redisClusterNodes', external);
    return undefined;
  }
  const started = Date.now();
  // A replica per master: writes can wait for one (REDIS_WAIT_REPLICAS), as in production.
  const cluster = await startRedisCluster({ masters: 3, replicasPerMaster: 1 });
  if (process.env.RESERVOIR_TEST_VERBOSE === '1') {
    process.stdout.write(`Redis Cluster ${cluster.nodes} ready in ${Date.now() - started} ms\n`);
  }
  project.provide('redisClusterNodes', cluster.nodes);
  return () => cluster.destroy();
}
