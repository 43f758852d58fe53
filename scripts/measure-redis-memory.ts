/**
 * How much Redis memory one stored order costs: the figure behind "the largest tenant is bounded
 * by one shard's memory" (docs/scale-out.md).
 *
 *   npx tsx scripts/measure-redis-memory.ts [orders=10000] [lines=3] [origins=200] [articles=5000]
 *
 * Starts a throwaway redis-server (no persistence), writes one tenant's orders through the real
 * store (the same scripts as the API), and reports `used_memory` growth per order: with every
 * change still pending for the next sync, and once the sync has acknowledged them. Half of the
 * orders are carts with an expiry. GUIDs and codes are shaped like the contract's examples.
 * Also reports the Redis CPU time one upsert script takes (INFO commandstats), which bounds the
 * writes a second one shard (one Redis core) can take for its tenants.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Order } from '../src/domain/order.js';
import { createRedisOrderRepositories } from '../src/repositories/orders/index.js';
import { tenantKeys } from '../src/repositories/keys.js';
import { connectRedis, createRedisClient } from '../src/repositories/redis-client.js';
import { startRedisServer } from '../test/support/servers.js';
import { defaultServiceSettings } from '../src/config.js';
import { orderSettingsOf } from '../src/services.js';

const [orders = 10_000, lines = 3, origins = 200, articles = 5000] = process.argv.slice(2).map(Number);

const server = await startRedisServer({ appendonly: false });
const redis = createRedisClient({ url: server.url, commandTimeoutMs: 10_000 });
try {
  await connectRedis(redis, 10_000);
  const store = createRedisOrderRepositories(redis, orderSettingsOf(defaultServiceSettings())).orders;
  const codes = Array.from({ length: origins }, (_, i) => `FRA:MAG:${String(i).padStart(4, '0')}`);
  const arts = Array.from({ length: articles }, () => randomUUID());
  const usedMemory = async () => {
    const info = await redis.info('memory');
    return Number(/used_memory:(\d+)/.exec(info)![1]);
  };

  const tenantId = 4242;
  const now = Date.now();
  await redis.config('RESETSTAT');
  const before = await usedMemory();
  for (let i = 0; i < orders; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, orders - i) }, (_, j) => {
        const cart = (i + j) % 2 === 1;
        const order: Order = {
          orderId: randomUUID(),
          tenantId,
          lastUpdated: new Date(now).toISOString(),
          type: cart ? 'Cart' : 'Order',
          lines: Array.from({ length: lines }, () => ({
            code: codes[randomInt(codes.length)]!,
            artGuid: arts[randomInt(arts.length)]!,
            qty: 1 + randomInt(5),
          })),
        };
        if (cart) order.expiresAt = new Date(now + 3_600_000).toISOString();
        return store.upsertOrder(order, now);
      }),
    );
  }
  const pending = await usedMemory();
  const evalsha = /cmdstat_evalsha:calls=(\d+),usec=(\d+),usec_per_call=([\d.]+)/.exec(await redis.info('commandstats'));
  // What a sync leaves: the change log acknowledged (emptied).
  await redis.del(tenantKeys(tenantId).dirty);
  const synced = await usedMemory();
  // The event stream is bounded by its retention (EVENTS_MAX_PER_TENANT, EVENTS_RETENTION_MS), not
  // by the orders: what is left without it is what the orders themselves cost.
  await redis.del(tenantKeys(tenantId).events);
  const withoutEvents = await usedMemory();

  const perOrderPending = (pending - before) / orders;
  const perOrderSynced = (synced - before) / orders;
  const GiB = 1024 ** 3;
  const report = {
    redis: (await redis.info('server')).match(/redis_version:(\S+)/)![1],
    orders,
    linesPerOrder: lines,
    origins,
    articles,
    bytesPerOrderWithPendingChange: Math.round(perOrderPending),
    bytesPerOrderSynced: Math.round(perOrderSynced),
    bytesPerOrderSyncedWithoutEvents: Math.round((withoutEvents - before) / orders),
    eventStreamBytesPerOrder: Math.round((synced - withoutEvents) / orders),
    ordersPerGiBSynced: Math.round(GiB / perOrderSynced),
    ordersPerGiBPending: Math.round(GiB / perOrderPending),
    upsertUsecPerCall: evalsha ? Number(evalsha[3]) : null,
    upsertsPerSecondPerShardCore: evalsha ? Math.round(1e6 / Number(evalsha[3])) : null,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} finally {
  redis.disconnect();
  await server.destroy();
}
