/**
 * Benchmark 3: the background work, against the raw driver on the same servers.
 *
 *  - incremental flush of 1,000 changed orders, for tenants of growing size in Redis, vs a raw
 *    `bulkWrite` of the same 1,000 documents (replace-upserts by _id, the archive's batch size);
 *  - full flush of a tenant vs a raw `bulkWrite` of the same documents into an empty collection
 *    with the same indexes;
 *  - restore of a tenant vs a raw `find` of its documents plus pipelined HSET/ZADD into Redis.
 *
 * Sizes depend on the MongoDB-wire server (see `archiveProfile`); all are overridable by env.
 */
import { MongoClient, type Collection } from 'mongodb';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import type { Order } from '../src/domain/order.js';
import { syncTenant } from '../src/domain/archive-sync.js';
import { restoreTenant } from '../src/domain/restore.js';
import { MongoConnection } from '../src/repositories/mongo.js';
import { toOrderDocument, type OrderDocument } from '../src/repositories/order-archive.js';
import { encodeStoredOrder } from '../src/repositories/orders/stored-order.js';
import { defaultServiceSettings } from '../src/config.js';
import { buildServices } from '../src/services.js';
import { bareKeys } from './ceiling/keys.js';
import { makeOrder } from './lib/data.js';
import { ADMIN_KEY, env, mongoUrl, requireServers } from './lib/env.js';
import { log, saveResult } from './lib/results.js';
import { median, round } from './lib/stats.js';

requireServers();
const DB = 'reservoir_bench_sync';
const RAW_DB = 'reservoir_bench_sync_raw';
const redis = new Redis(env.redisUrl);
await redis.flushall();
const client = new MongoClient(mongoUrl(DB));
await client.connect();
await client.db(DB).dropDatabase();
await client.db(RAW_DB).dropDatabase();
const mongo = new MongoConnection({ url: mongoUrl(DB), timeoutMs: 10_000 });
const services = buildServices({
  redis,
  mongo,
  logger: pino({ level: 'silent' }),
  settings: defaultServiceSettings(ADMIN_KEY),
});
const { orders: store, archive, syncState } = services;
const batchSize = await mongo.writeBatchSize();
const orders = client.db(DB).collection<OrderDocument>('orders');
await archive.countOrders(0); // creates the archive's indexes

const seconds = (ms: number) => round(ms / 1000, 3);
const timed = async <T>(work: () => Promise<T>): Promise<[number, T]> => {
  const t0 = performance.now();
  const out = await work();
  return [performance.now() - t0, out];
};

/**
 * How a write by _id scales on this server: MongoDB (and a FerretDB whose _id filter uses its
 * index) answers in O(log n); FerretDB v1.24 as built by scripts/install-ferretdb.sh scans the
 * collection for every update or delete by _id, so large archives are out of reach there.
 */
async function archiveProfile(): Promise<{ kind: string; msPerReplaceAt5k: number; scanning: boolean }> {
  const probe = client.db(DB).collection<{ _id: string; v: number }>('probe');
  await probe.insertMany(Array.from({ length: 5000 }, (_, i) => ({ _id: `p${i}`, v: 0 })));
  const [ms] = await timed(async () => {
    for (let i = 0; i < 20; i++) await probe.replaceOne({ _id: `p${i * 97}` }, { v: 1 }, { upsert: true });
  });
  await probe.drop();
  const msPerReplaceAt5k = ms / 20;
  return { kind: env.mongoKind, msPerReplaceAt5k: round(msPerReplaceAt5k, 2), scanning: msPerReplaceAt5k > 5 };
}

const profile = await archiveProfile();
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const sizes = {
  incrementalTenants: (process.env.BENCH_SYNC_TENANT_SIZES ?? '10000,100000,1000000').split(',').map(Number),
  changed: num('BENCH_SYNC_CHANGED', 1000),
  /** Documents of the tenant in the archive: the whole tenant on MongoDB, fewer on FerretDB. */
  archiveDocs: num('BENCH_SYNC_ARCHIVE_DOCS', env.mongoKind === 'mongod' ? Infinity : profile.scanning ? 1000 : 20_000),
  full: num('BENCH_SYNC_FULL', env.mongoKind === 'mongod' ? 100_000 : profile.scanning ? 2000 : 20_000),
  restore: num('BENCH_SYNC_RESTORE', 100_000),
  /** Repetitions (medians are reported); one on a scanning FerretDB, where 1,000 writes take ~30 s. */
  rounds: num('BENCH_SYNC_ROUNDS', profile.scanning ? 1 : 3),
};
log(
  `archive: ${profile.kind}, ${profile.msPerReplaceAt5k} ms per replace-upsert at 5k ` +
    `documents (${profile.scanning ? 'scans' : 'indexed'}), batches of ${batchSize}`,
);
log(`sizes: ${JSON.stringify(sizes)}`);

/** Fills a tenant in Redis without marking changes (RESTORE_ORDERS: a batch per call). */
async function fillRedis(tenantId: number, count: number, variant = 0) {
  const CHUNK = 1000;
  const chunks: number[] = [];
  for (let s = 0; s < count; s += CHUNK) chunks.push(s);
  for (let k = 0; k < chunks.length; k += 4) {
    await Promise.all(
      chunks.slice(k, k + 4).map((s) =>
        store.restoreOrders(
          tenantId,
          Array.from({ length: Math.min(CHUNK, count - s) }, (_, i) => makeOrder(tenantId, s + i, 3, variant)),
          Date.now(),
        ),
      ),
    );
  }
}

async function insertArchive(collection: Collection<OrderDocument>, list: Order[], runId: string) {
  const now = new Date();
  for (let i = 0; i < list.length; i += 1000) {
    await collection.insertMany(
      list.slice(i, i + 1000).map((o) => toOrderDocument(o, runId, now)),
      { ordered: false },
    );
  }
}

/** The raw floor of an archive write: the same documents, replace-upserts by _id, same batches. */
async function rawBulkWrite(collection: Collection<OrderDocument>, list: Order[], runId: string) {
  const now = new Date();
  const docs = list.map((o) => toOrderDocument(o, runId, now));
  const [ms] = await timed(async () => {
    for (let i = 0; i < docs.length; i += batchSize) {
      await collection.bulkWrite(
        docs.slice(i, i + batchSize).map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } })),
        { ordered: false },
      );
    }
  });
  return ms;
}

async function dropTenantKeys(tenantId: number) {
  for (const prefix of [`r:{t:${tenantId}}:*`, `${bareKeys.prefix(tenantId)}*`]) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', prefix, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  }
}

// ---------------------------------------------------------------- incremental flush
const incremental: Record<string, unknown>[] = [];
let tenant = 9300;
for (const size of sizes.incrementalTenants) {
  const t = ++tenant;
  const archived = Math.min(size, sizes.archiveDocs);
  const changed = Math.min(sizes.changed, archived);
  log(`incremental: tenant of ${size} orders in Redis (${archived} in the archive), ${changed} changed`);
  const [fillMs] = await timed(() => fillRedis(t, size));
  await syncState.markRestored(t);
  await syncState.markMirrored(t);
  await insertArchive(
    orders,
    Array.from({ length: archived }, (_, i) => makeOrder(t, i)),
    'seed',
  );
  const step = Math.floor(archived / changed);
  const changedIndexes = Array.from({ length: changed }, (_, i) => i * step);
  const reservoirMs: number[] = [];
  const rawMs: number[] = [];
  for (let r = 0; r < sizes.rounds; r++) {
    const variant = (r % 4) + 1;
    const current = changedIndexes.map((i) => makeOrder(t, i, 3, variant));
    for (let i = 0; i < current.length; i += 200) await Promise.all(current.slice(i, i + 200).map((o) => store.upsertOrder(o, Date.now())));
    const [ms, report] = await timed(() => syncTenant(services, t));
    if (report.status !== 'synced' || report.mode !== 'incremental' || report.ordersWritten !== changed) {
      throw new Error(`unexpected sync report: ${JSON.stringify(report)}`);
    }
    reservoirMs.push(ms);
    rawMs.push(await rawBulkWrite(orders, current, 'raw'));
  }
  const row = {
    tenantOrders: size,
    archivedOrders: archived,
    changed,
    fillRedisSec: seconds(fillMs),
    reservoirSec: seconds(median(reservoirMs)),
    rawSec: seconds(median(rawMs)),
    ratio: round(median(reservoirMs) / median(rawMs), 2),
    runs: { reservoirSec: reservoirMs.map(seconds), rawSec: rawMs.map(seconds) },
  };
  log(`  flush ${row.reservoirSec} s vs raw bulkWrite ${row.rawSec} s: ${row.ratio}x`);
  incremental.push(row);
  await dropTenantKeys(t);
  await orders.deleteMany({ tenantId: t });
}

// ---------------------------------------------------------------- full flush
log(`full flush of ${sizes.full} orders`);
const tf = ++tenant;
await fillRedis(tf, sizes.full);
await syncState.markRestored(tf);
const rawOrders = client.db(RAW_DB).collection<OrderDocument>('orders');
for (const index of await orders.indexes()) {
  if (index.name !== '_id_') await rawOrders.createIndex(index.key, { name: index.name, ...(index.unique ? { unique: true } : {}) });
}
const fullOrders = Array.from({ length: sizes.full }, (_, i) => makeOrder(tf, i));
const fullRawMs = await rawBulkWrite(rawOrders, fullOrders, 'raw');
const [fullMs, fullReport] = await timed(() => syncTenant(services, tf, { full: true }));
if (fullReport.status !== 'synced' || fullReport.ordersWritten !== sizes.full) throw new Error(`unexpected: ${JSON.stringify(fullReport)}`);
const full = { orders: sizes.full, reservoirSec: seconds(fullMs), rawSec: seconds(fullRawMs), ratio: round(fullMs / fullRawMs, 2) };
log(`  full flush ${full.reservoirSec} s vs raw bulkWrite ${full.rawSec} s: ${full.ratio}x`);
await dropTenantKeys(tf);
await orders.deleteMany({ tenantId: tf });
await client.db(RAW_DB).dropDatabase();

// ---------------------------------------------------------------- restore
log(`restore of ${sizes.restore} orders`);
const tr = ++tenant;
await insertArchive(
  orders,
  Array.from({ length: sizes.restore }, (_, i) => makeOrder(tr, i)),
  'seed',
);

async function rawRestore(): Promise<number> {
  const [ms, count] = await timed(async () => {
    let n = 0;
    let pipeline = redis.pipeline();
    const key = `${bareKeys.prefix(tr)}o`;
    const expiries = `${bareKeys.prefix(tr)}x`;
    for await (const doc of orders.find({ tenantId: tr }, { batchSize: 1000 })) {
      const order: Order = {
        orderId: doc.orderId,
        tenantId: tr,
        lastUpdated: doc.lastUpdated.toISOString(),
        type: doc.type,
        lines: doc.lines,
      };
      if (doc.expiresAt) order.expiresAt = doc.expiresAt.toISOString();
      pipeline.hset(key, order.orderId, encodeStoredOrder(order));
      if (doc.expiresAt) pipeline.zadd(expiries, doc.expiresAt.getTime(), order.orderId);
      if (++n % 1000 === 0) {
        await pipeline.exec();
        pipeline = redis.pipeline();
      }
    }
    await pipeline.exec();
    return n;
  });
  if (count !== sizes.restore) throw new Error(`raw restore read ${count} orders`);
  return ms;
}

const restoreRuns = { reservoir: [] as number[], raw: [] as number[] };
for (let r = 0; r < Math.min(2, sizes.rounds); r++) {
  await dropTenantKeys(tr);
  restoreRuns.raw.push(await rawRestore());
  await dropTenantKeys(tr);
  const [ms, report] = await timed(() => restoreTenant(services, tr, { force: true }));
  if (report.status !== 'restored' || report.ordersRestored !== sizes.restore) throw new Error(`unexpected: ${JSON.stringify(report)}`);
  restoreRuns.reservoir.push(ms);
}
const restore = {
  orders: sizes.restore,
  reservoirSec: seconds(median(restoreRuns.reservoir)),
  rawSec: seconds(median(restoreRuns.raw)),
  ratio: round(median(restoreRuns.reservoir) / median(restoreRuns.raw), 2),
  runs: { reservoirSec: restoreRuns.reservoir.map(seconds), rawSec: restoreRuns.raw.map(seconds) },
};
log(`  restore ${restore.reservoirSec} s vs raw find + pipelined writes ${restore.rawSec} s: ${restore.ratio}x`);

saveResult('sync', {
  archive: { ...profile, batchSize },
  sizes: { ...sizes, archiveDocs: String(sizes.archiveDocs) },
  incremental,
  full,
  restore,
});
await dropTenantKeys(tr);
await client.db(DB).dropDatabase();
await Promise.all([client.close(), mongo.close(), redis.quit()]);
process.exit(0);
