/**
 * What durability costs (`npm run bench -- durability`): the upsert (the real store, the same
 * script as POST /{t}/order) with a fixed number of writes in flight, on
 *   - a single redis-server with AOF, appendfsync everysec, then always;
 *   - a local Redis Cluster of three masters with a replica each (no persistence), with
 *     REDIS_WAIT_REPLICAS=0, then 1 (REDIS_WAIT_TIMEOUT_MS=50).
 * Prints writes per second and latency percentiles; written down in bench/DURABILITY.md.
 * Starts its own servers (test/support/servers.ts). Knobs: BENCH_DURABILITY_SECONDS (default 5),
 * BENCH_DURABILITY_IN_FLIGHT (default 32).
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Cluster, Redis } from 'ioredis';
import type { Order } from '../src/domain/order.js';
import { defaultServiceSettings } from '../src/config.js';
import { orderSettingsOf } from '../src/services.js';
import { createRedisOrderRepositories } from '../src/repositories/orders/index.js';
import { connectRedis, createRedis } from '../src/repositories/redis-client.js';
import { startRedisCluster, startRedisServer } from '../test/support/servers.js';

const SECONDS = Number(process.env.BENCH_DURABILITY_SECONDS ?? 5);
const IN_FLIGHT = Number(process.env.BENCH_DURABILITY_IN_FLIGHT ?? 32);

interface Row {
  setup: string;
  writesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  refused: number;
}

async function measure(setup: string, redis: Redis | Cluster): Promise<Row> {
  await connectRedis(redis, 10_000);
  const store = createRedisOrderRepositories(redis, orderSettingsOf(defaultServiceSettings())).orders;
  const tenants = Array.from({ length: 16 }, (_, i) => 7_000_000 + i);
  const latencies: number[] = [];
  let refused = 0;
  const write = async (i: number) => {
    const order: Order = {
      orderId: randomUUID(),
      tenantId: tenants[i % tenants.length]!,
      lastUpdated: new Date().toISOString(),
      type: 'Order',
      lines: [
        { code: `FRA:MAG:${String(i % 200).padStart(4, '0')}`, artGuid: '4128d10e-1594-42a7-8c79-bde5181a20f5', qty: 1 + (i % 3) },
        { code: 'FRA:MAG:0953', artGuid: 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460', qty: 2 },
      ],
    };
    const started = performance.now();
    try {
      await store.upsertOrder(order, Date.now());
      latencies.push(performance.now() - started);
    } catch {
      refused += 1;
    }
  };
  // warm-up
  for (let i = 0; i < 200; i++) await write(i);
  latencies.length = 0;
  refused = 0;
  let n = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (performance.now() < deadline) await write(n++);
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Number(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(2));
  redis.disconnect();
  const row = { setup, writesPerSecond: Math.round(latencies.length / elapsed), p50Ms: at(0.5), p99Ms: at(0.99), refused };
  console.log(JSON.stringify(row));
  return row;
}

const rows: Row[] = [];
const single = await startRedisServer({ appendonly: true });
try {
  const admin = createRedis({ url: single.url, commandTimeoutMs: 10_000 });
  await connectRedis(admin, 10_000);
  for (const fsync of ['everysec', 'always']) {
    await admin.config('SET', 'appendfsync', fsync);
    rows.push(await measure(`single Redis, AOF appendfsync ${fsync}`, createRedis({ url: single.url, commandTimeoutMs: 10_000 })));
  }
  admin.disconnect();
} finally {
  await single.destroy();
}
const cluster = await startRedisCluster({ masters: 3, replicasPerMaster: 1 });
try {
  for (const replicas of [0, 1]) {
    rows.push(
      await measure(
        `Cluster 3 masters + 3 replicas, REDIS_WAIT_REPLICAS=${replicas}`,
        createRedis({ clusterNodes: cluster.nodes, commandTimeoutMs: 10_000, waitReplicas: replicas, waitTimeoutMs: 50 }),
      ),
    );
  }
} finally {
  await cluster.destroy();
}
writeFileSync(new URL('./results/durability.txt', import.meta.url), `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
