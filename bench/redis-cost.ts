/**
 * Benchmark 2: what Reservoir costs inside Redis. Time per script call from INFO commandstats
 * (usec_per_call of FCALL, measured by Redis itself around the script), for upserts of 3, 20
 * and 200 lines (creation, then redefinition with new quantities), a get and a delete at one
 * origin; the ceiling's 12-operation script for scale. Memory per stored order from INFO memory
 * and MEMORY USAGE, against the order's compact JSON.
 */
import { Redis } from 'ioredis';
import type { Order } from '../src/domain/order.js';
import { createRedisOrderRepositories } from '../src/repositories/orders/index.js';
import { tenantKeys } from '../src/repositories/keys.js';
import { DELETE_AT_ORIGIN, UPSERT_12, upsert12Args } from './ceiling/scripts.js';
import { makeOrder } from './lib/data.js';
import { env, requireServers } from './lib/env.js';
import { log, saveResult } from './lib/results.js';
import { round } from './lib/stats.js';
import { defaultServiceSettings } from '../src/config.js';
import { orderSettingsOf } from '../src/services.js';

requireServers();
const redis = new Redis(env.redisUrl);
const { orders: store, changes, stock } = createRedisOrderRepositories(redis, orderSettingsOf(defaultServiceSettings()));
await redis.flushall();

const WINDOW = 200;
async function inWindows(count: number, write: (i: number) => Promise<unknown>) {
  for (let start = 0; start < count; start += WINDOW) {
    const batch: Promise<unknown>[] = [];
    for (let i = start; i < Math.min(count, start + WINDOW); i++) batch.push(write(i));
    await Promise.all(batch);
  }
}

/** µs per script call (and calls) while `work` runs, as Redis counts them: FCALL for the service's, EVALSHA for a ceiling's. */
async function scriptTime(work: () => Promise<unknown>, command = 'fcall'): Promise<{ usPerCall: number; calls: number }> {
  await redis.config('SET', 'slowlog-log-slower-than', '-1');
  await redis.config('RESETSTAT');
  await work();
  const stats = await redis.info('commandstats');
  const line = stats.split('\n').find((l) => l.startsWith(`cmdstat_${command}:`)) ?? '';
  const calls = Number(/calls=(\d+)/.exec(line)?.[1] ?? 0);
  const usec = Number(/usec=(\d+)/.exec(line)?.[1] ?? 0);
  return { usPerCall: calls ? usec / calls : NaN, calls };
}

const SIZES: [lines: number, orders: number][] = [
  [3, Number(process.env.BENCH_COST_ORDERS_3 ?? 20_000)],
  [20, Number(process.env.BENCH_COST_ORDERS_20 ?? 5_000)],
  [200, Number(process.env.BENCH_COST_ORDERS_200 ?? 1_000)],
];

const upserts: Record<string, unknown>[] = [];
let tenant = 8100;
for (const [lines, count] of SIZES) {
  tenant += 1;
  const t = tenant;
  const created = await scriptTime(() => inWindows(count, (i) => store.upsertOrder(makeOrder(t, i, lines, 0), Date.now())));
  const redefined = await scriptTime(() => inWindows(count, (i) => store.upsertOrder(makeOrder(t, i, lines, 1), Date.now())));
  const row = { lines, orders: count, createUs: round(created.usPerCall, 1), redefineUs: round(redefined.usPerCall, 1) };
  log(`upsert of ${lines} lines: create ${row.createUs} µs, redefine ${row.redefineUs} µs (Redis time per call, ${count} calls)`);
  upserts.push(row);
}

// The same 3-line orders through the ceiling's 12-operation script, for scale.
const ceilingSha = (await redis.script('LOAD', UPSERT_12)) as string;
const ceiling = await scriptTime(
  () =>
    inWindows(SIZES[0]![1], (i) => {
      const o = makeOrder(8199, i, 3, 0);
      return redis.evalsha(ceilingSha, 1, 'b:{t:8199}:', ...upsert12Args(o));
    }),
  'evalsha',
);
log(`ceiling 12-operation script: ${round(ceiling.usPerCall, 1)} µs per call`);

// Reads and a delete at one origin, on the 3-line tenant.
const t3 = 8101;
const gets = await scriptTime(() => inWindows(SIZES[0]![1], (i) => store.getOrderJson(t3, makeOrder(t3, i).orderId, Date.now())));
const deletes = await scriptTime(() =>
  inWindows(SIZES[0]![1] / 2, (i) =>
    store.deleteOrderLinesAtOrigin(t3, makeOrder(t3, i).orderId, makeOrder(t3, i).lines[0]!.code, Date.now()),
  ),
);
// The ceiling's delete at one origin (read, decode, unreserve, write back) on the ceiling's orders.
const deleteCeilingSha = (await redis.script('LOAD', DELETE_AT_ORIGIN)) as string;
const deleteCeiling = await scriptTime(
  () =>
    inWindows(SIZES[0]![1] / 2, (i) => {
      const o = makeOrder(8199, i, 3, 0);
      return redis.evalsha(deleteCeilingSha, 1, 'b:{t:8199}:', o.orderId, o.lines[0]!.code);
    }),
  'evalsha',
);
log(
  `get ${round(gets.usPerCall, 1)} µs, delete at one origin ${round(deletes.usPerCall, 1)} ` +
    `µs (ceiling script ${round(deleteCeiling.usPerCall, 1)} µs)`,
);

// One tenant's throughput: its keys share one hash slot, so one Redis thread runs all its writes.
// The most 3-line creations per second that thread can run (from Redis' own time per call above),
// and what this process drives with 1,000 creations in flight (the client's own CPU shares the
// machine with Redis, so this is a floor).
const THROUGHPUT_ORDERS = Number(process.env.BENCH_THROUGHPUT_ORDERS ?? 50_000);
const tt = 8170;
const started = performance.now();
for (let start = 0; start < THROUGHPUT_ORDERS; start += 1000) {
  await Promise.all(
    Array.from({ length: Math.min(1000, THROUGHPUT_ORDERS - start) }, (_, k) =>
      store.upsertOrder(makeOrder(tt, start + k, 3, 0), Date.now()),
    ),
  );
}
const throughput = {
  orders: THROUGHPUT_ORDERS,
  redisThreadCreationsPerSecond: Math.round(1e6 / (upserts[0] as { createUs: number }).createUs),
  drivenCreationsPerSecond: Math.round(THROUGHPUT_ORDERS / ((performance.now() - started) / 1000)),
};
log(
  `one tenant: ${throughput.redisThreadCreationsPerSecond} creations/s on one Redis thread (1e6 / µs per creation), ` +
    `${throughput.drivenCreationsPerSecond}/s driven from this process`,
);

// Memory: a fresh tenant of N 3-line orders (origins and assortments as in every benchmark).
const MEM_ORDERS = Number(process.env.BENCH_COST_MEMORY_ORDERS ?? 20_000);
const tm = 8150;
const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
const orders: Order[] = Array.from({ length: MEM_ORDERS }, (_, i) => makeOrder(tm, i));
const jsonBytes = orders.reduce((sum, o) => sum + Buffer.byteLength(JSON.stringify(o)), 0) / MEM_ORDERS;
const before = await usedMemory();
await inWindows(MEM_ORDERS, (i) => store.upsertOrder(orders[i]!, Date.now()));
const afterWrite = await usedMemory();
// What stays once a sync has written them: the pending-change entries are acknowledged.
let cursor = '0';
do {
  const page = await changes.readChanges(tm, cursor, 1000);
  cursor = page.cursor;
  await changes.ackChanges(tm, page.changes);
} while (cursor !== '0');
const afterSync = await usedMemory();
const keys = tenantKeys(tm);
const g = keys.generation('0');
const usage = async (key: string) => Number((await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);
const perKey = {
  ordersHash: round((await usage(g.orders)) / MEM_ORDERS, 1),
  indexZset: round((await usage(g.index)) / MEM_ORDERS, 1),
  articleIndexes: round(
    (await Promise.all([...new Set(orders.flatMap((o) => o.lines.map((l) => l.artGuid)))].map((art) => usage(g.articleIndex(art))))).reduce(
      (sum, bytes) => sum + bytes,
      0,
    ) / MEM_ORDERS,
    1,
  ),
  eventsStream: round((await usage(keys.events)) / MEM_ORDERS, 1),
  counters: round(await usage(g.counters), 1),
};
const memory = {
  orders: MEM_ORDERS,
  jsonBytesPerOrder: round(jsonBytes, 1),
  bytesPerOrderPendingSync: round((afterWrite - before) / MEM_ORDERS, 1),
  bytesPerOrderSynced: round((afterSync - before) / MEM_ORDERS, 1),
  ratioSynced: round((afterSync - before) / MEM_ORDERS / jsonBytes, 2),
  ratioPendingSync: round((afterWrite - before) / MEM_ORDERS / jsonBytes, 2),
  perKey,
};
log(
  `memory: ${memory.bytesPerOrderSynced} B/order once synced (${memory.ratioSynced}x its ${memory.jsonBytesPerOrder} B JSON), ` +
    `${memory.bytesPerOrderPendingSync} B with its pending change (${memory.ratioPendingSync}x)`,
);

// Memory per tracked pair: a fresh tenant's levels (T stk and the articles' tracked origins,
// T stka:*): 1,000 articles each counted at the 20 origins.
const LEVEL_PAIRS = Number(process.env.BENCH_COST_LEVEL_PAIRS ?? 20_000);
const tl = 8160;
const beforeLevels = await usedMemory();
const levels = Array.from({ length: LEVEL_PAIRS }, (_, i) => ({
  code: `FRA:MAG:${String(i % 20).padStart(4, '0')}`,
  artGuid: `${Math.floor(i / 20)
    .toString(16)
    .padStart(8, '0')}-0000-4000-8000-000000000000`,
  onHand: 1000 + (i % 500),
}));
await stock.setLevels(tl, { asOf: new Date().toISOString(), levels });
const stockLevels = { pairs: LEVEL_PAIRS, bytesPerPair: round(((await usedMemory()) - beforeLevels) / LEVEL_PAIRS, 1) };
log(`stock levels: ${stockLevels.bytesPerPair} B per tracked pair (${LEVEL_PAIRS} pairs)`);

const info = await redis.info('server');
saveResult('redis-cost', {
  redisVersion: /redis_version:(\S+)/.exec(info)?.[1],
  upserts,
  ceilingUs: round(ceiling.usPerCall, 1),
  getUs: round(gets.usPerCall, 1),
  deleteAtOriginUs: round(deletes.usPerCall, 1),
  deleteCeilingUs: round(deleteCeiling.usPerCall, 1),
  throughput,
  memory,
  stockLevels,
});
await redis.quit();
