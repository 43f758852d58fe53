/**
 * Benchmark 5: order search and the optimizer's batch query, on a warm service over HTTP.
 *
 * - A tenant of BENCH_SEARCH_ORDERS (1,000,000) 3-line orders at 3 of 20 origins, each line an
 *   article of its origin's assortment of 50 (bench/lib/data.ts), written through the repository's
 *   restore script in chunks (the script restore uses: orders, figures, indexes and counters in
 *   one step per chunk). Then a page of 100 orders for a code filter (an origin in ~15 % of the
 *   orders), an article filter (~0.3 %), the two combined, a code with a type, and a combination
 *   that matches nothing (the page examines its whole budget of index entries and comes back
 *   empty with a cursor): Redis µs per page (INFO commandstats, calls from this process), and
 *   HTTP latency p50/p99 of GET /{t}/orders, one request at a time.
 * - POST /{t}/reservations/query for 100 articles × 50 origins (each article reserved at each of
 *   the 50 origins), with `codes` naming the 50 and without: HTTP p50/p99 and Redis µs.
 * - Memory of the big tenant per order, by key: the orders hash, the index, the counters, the
 *   figures (INFO used_memory and MEMORY USAGE).
 */
import { Redis } from 'ioredis';
import type { Order } from '../src/domain/order.js';
import type { OrderFilter } from '../src/domain/ports.js';
import { tenantKeys } from '../src/repositories/keys.js';
import { createRedisOrderRepositories } from '../src/repositories/orders/index.js';
import { ADMIN_KEY, env, mongoUrl, requireServers } from './lib/env.js';
import { articleGuid, makeOrder, originCode } from './lib/data.js';
import { serviceEnv, startServer } from './lib/processes.js';
import { log, saveResult } from './lib/results.js';
import { round, Samples } from './lib/stats.js';
import { defaultServiceSettings } from '../src/config.js';
import { orderSettingsOf } from '../src/services.js';

requireServers();
const ORDERS = Number(process.env.BENCH_SEARCH_ORDERS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_SEARCH_REQUESTS ?? 500);
const WARMUP = Math.max(20, Math.round(REQUESTS / 10));
const CHUNK = 1000;
const BIG = 9100;
const BATCH = 9200;

const redis = new Redis(env.redisUrl);
const repos = createRedisOrderRepositories(redis, orderSettingsOf(defaultServiceSettings()));
await redis.flushall();
const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);

// ---------------------------------------------------------------- the big tenant
const memoryBefore = await usedMemory();
const built = Date.now();
let written = 0;
const PARALLEL = 4;
for (let start = 0; start < ORDERS; start += CHUNK * PARALLEL) {
  const calls: Promise<number>[] = [];
  for (let c = start; c < Math.min(ORDERS, start + CHUNK * PARALLEL); c += CHUNK) {
    const chunk: Order[] = [];
    for (let i = c; i < Math.min(ORDERS, c + CHUNK); i++) chunk.push(makeOrder(BIG, i));
    calls.push(repos.orders.restoreOrders(BIG, chunk, Date.now()));
  }
  for (const n of await Promise.all(calls)) written += n;
  if ((start / (CHUNK * PARALLEL)) % 50 === 0) log(`  ${written.toLocaleString('en-US')} orders written`);
}
const buildSec = (Date.now() - built) / 1000;
log(`tenant of ${written.toLocaleString('en-US')} orders written in ${round(buildSec, 1)} s`);
const memoryAfter = await usedMemory();

const g = tenantKeys(BIG).generation('0');
const usage = async (key: string) => Number((await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);
let figureBytes = (await usage(g.originQty)) + (await usage(g.originLines)) + (await usage(g.originOrders));
for (let o = 0; o < 20; o++) figureBytes += await usage(g.origin(originCode(o)));
// The index: G:i, and each article's own set (G:ai:<artGuid>, since issue 20).
let indexEntries = await redis.zcard(g.index);
let articleIndexBytes = 0;
for (let o = 0; o < 20; o++)
  for (let s = 0; s < 50; s++) {
    const art = articleGuid(o, s);
    figureBytes += await usage(g.article(art));
    indexEntries += await redis.zcard(g.articleIndex(art));
    articleIndexBytes += await usage(g.articleIndex(art));
  }
const memory = {
  orders: written,
  bytesPerOrder: round((memoryAfter - memoryBefore) / written, 1),
  perOrder: {
    ordersHash: round((await usage(g.orders)) / written, 1),
    index: round(((await usage(g.index)) + articleIndexBytes) / written, 1),
    figures: round(figureBytes / written, 1),
  },
  indexEntriesPerOrder: round(indexEntries / written, 2),
  countersBytes: await usage(g.counters),
};
log(
  `memory: ${memory.bytesPerOrder} B/order (orders hash ${memory.perOrder.ordersHash}, index ${memory.perOrder.index} ` +
    `for ${memory.indexEntriesPerOrder} entries, figures ${memory.perOrder.figures}; counters ${memory.countersBytes} B in all)`,
);

// ---------------------------------------------------------------- the batch query's tenant
// 100 articles, each reserved at each of 50 origins: one 50-line order per article.
const ARTICLES = Array.from({ length: 100 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const CODES = Array.from({ length: 50 }, (_, i) => `Q:${String(i).padStart(2, '0')}`);
const batchOrders: Order[] = ARTICLES.map((artGuid, i) => ({
  orderId: `00000000-0001-4000-8000-${String(i).padStart(12, '0')}`,
  tenantId: BATCH,
  lastUpdated: '2025-09-22T10:01:20.624Z',
  type: 'Order',
  lines: CODES.map((code, j) => ({ code, artGuid, qty: 1 + ((i + j) % 7) })),
}));
await repos.orders.restoreOrders(BATCH, batchOrders, Date.now());
// Capacities on half the origins: the answer carries them.
for (const code of CODES.slice(0, 25))
  await repos.capacities.setCapacity(BATCH, code, { maxQty: 1000, maxLines: null, maxOrders: 200 }, Date.now());

// ---------------------------------------------------------------- measurements
/** µs per FCALL (the scripts are a Redis Functions library) as Redis counts them, over `count` calls of `call` from this process. */
async function redisUs(count: number, call: () => Promise<unknown>): Promise<number> {
  await redis.config('RESETSTAT');
  for (let i = 0; i < count; i++) await call();
  const line = (await redis.info('commandstats')).split('\n').find((l) => l.startsWith('cmdstat_fcall:')) ?? '';
  const calls = Number(/calls=(\d+)/.exec(line)?.[1] ?? 0);
  return calls ? Number(/usec=(\d+)/.exec(line)?.[1] ?? 0) / calls : NaN;
}

/** HTTP latency, one request at a time on a kept-alive connection, after a warm-up. */
async function httpLatency(method: string, path: string, body?: unknown, check?: (answer: any) => void) {
  const init: RequestInit = {
    method,
    headers: { Authorization: `Bearer ${ADMIN_KEY}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  };
  const samples = new Samples();
  let bytes = 0;
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const t0 = performance.now();
    const res = await fetch(`${service.url}${path}`, init);
    const text = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    if (i === 0) check?.(JSON.parse(text));
    if (i >= WARMUP) {
      samples.add(ms);
      bytes = text.length;
    }
  }
  const s = samples.summary();
  return { p50Ms: round(s.p50, 2), p99Ms: round(s.p99, 2), meanMs: round(s.mean, 2), responseBytes: bytes };
}

const code = originCode(7);
const article = articleGuid(7, 3);
const elsewhere = articleGuid(17, 3); // never in an order with a line at origin 7
const filters: [label: string, filter: OrderFilter, expectFull: boolean][] = [
  ['code', { code }, true],
  ['artGuid', { artGuid: article }, true],
  ['code + artGuid', { code, artGuid: article }, true],
  ['code + type', { code, type: 'Order' }, true],
  ['code + artGuid matching nothing (whole budget examined)', { code, artGuid: elsewhere }, false],
];
const batchBodies = [
  ['100 articles × 50 origins, codes given', { artGuids: ARTICLES, codes: CODES }],
  ['100 articles, every origin (50)', { artGuids: ARTICLES }],
] as const;

// Redis time first, from this process, before the service (and its expiry sweeper) runs.
const CALLS = Math.min(REQUESTS, 200);
const pageUs = [];
for (const [, filter] of filters) pageUs.push(await redisUs(CALLS, () => repos.orders.listOrders(BIG, filter, 100, null, Date.now())));
const batchUs = [];
for (const [, body] of batchBodies) {
  batchUs.push(
    await redisUs(CALLS, () =>
      repos.reservations.queryReservations(
        BATCH,
        { artGuids: [...body.artGuids], codes: 'codes' in body ? [...body.codes] : null },
        Date.now(),
      ),
    ),
  );
}

const service = await startServer('service', serviceEnv(mongoUrl('bench_search'), { LOG_LEVEL: 'warn', RESTORE_ON_START: 'false' }));
const pages: Record<string, unknown>[] = [];
try {
  for (const [n, [label, filter, expectFull]] of filters.entries()) {
    // Entries as includes/zadd-members.lua writes them: a type by its initial.
    const entries = async (prefix: string, value: string | Buffer | undefined) =>
      value === undefined
        ? null
        : redis.zlexcount(
            g.index,
            Buffer.concat([Buffer.from(`[${prefix}`), Buffer.from(value), Buffer.from([0])]),
            Buffer.concat([Buffer.from(`(${prefix}`), Buffer.from(value), Buffer.from([1])]),
          );
    const counts = {
      code: await entries('c', filter.code),
      // An article's entries are a set of their own since issue 20 (G:ai:<artGuid>).
      article: filter.artGuid === undefined ? null : await redis.zcard(g.articleIndex(filter.artGuid)),
      type: await entries('t', filter.type?.slice(0, 1)),
    };
    const us = pageUs[n]!;
    const query = new URLSearchParams({ ...filter, limit: '100' }).toString();
    let pageSize = 0;
    const http = await httpLatency('GET', `/${BIG}/orders?${query}`, undefined, (answer) => {
      pageSize = answer.orders.length;
      if (!expectFull && pageSize !== 0) throw new Error(`${label}: ${pageSize} orders where none match`);
    });
    const row = { label, filter, indexEntries: counts, pageSize, redisUs: round(us, 1), ...http };
    log(`page of ${pageSize}, ${label}: Redis ${row.redisUs} µs, HTTP p50 ${http.p50Ms} ms p99 ${http.p99Ms} ms (${http.responseBytes} B)`);
    pages.push(row);
  }

  const batch: Record<string, unknown>[] = [];
  for (const [n, [label, body]] of batchBodies.entries()) {
    const us = batchUs[n]!;
    const http = await httpLatency('POST', `/${BATCH}/reservations/query`, body, (answer) => {
      if (answer.articles.length !== 100 || answer.articles.some((a: { origins: unknown[] }) => a.origins.length !== 50))
        throw new Error(`${label}: not 100 × 50`);
    });
    const row = { label, redisUs: round(us, 1), ...http };
    log(`batch query, ${label}: Redis ${row.redisUs} µs, HTTP p50 ${http.p50Ms} ms p99 ${http.p99Ms} ms (${http.responseBytes} B)`);
    batch.push(row);
  }

  saveResult('search', { tenantOrders: written, buildSec: round(buildSec, 1), requests: REQUESTS, memory, pages, batch });
} finally {
  await service.stop();
  await redis.quit();
}
