/**
 * Benchmark 4: PUT /{t}/orders with 10,000 and 100,000 orders, through HTTP to a fresh service
 * process each time: how long it takes, the service's peak RSS (VmHWM), the longest Redis command
 * meanwhile (SLOWLOG and LATENCY), and the latency of another tenant's reads during the PUT
 * against the same reads just before it (an open-loop GET load at a fixed rate).
 */
import { Redis } from 'ioredis';
import { functionName, scriptNames } from '../src/repositories/redis-scripts/lua-script.js';
import { createRedisOrderRepositories } from '../src/repositories/orders/index.js';
import { makeOrder } from './lib/data.js';
import { ADMIN_KEY, env, mongoUrl, requireServers } from './lib/env.js';
import { LoadGenerator, type LoadResult } from './lib/load.js';
import { preloadStore } from './lib/preload.js';
import { freePort, memoryMiB, serviceEnv, startServer } from './lib/processes.js';
import { log, saveResult } from './lib/results.js';
import { round } from './lib/stats.js';
import { defaultServiceSettings } from '../src/config.js';
import { orderSettingsOf } from '../src/services.js';

requireServers();
const redis = new Redis(env.redisUrl);
await redis.flushall();
const store = createRedisOrderRepositories(redis, orderSettingsOf(defaultServiceSettings())).orders;

const SIZES = (process.env.BENCH_PUT_SIZES ?? '10000,100000').split(',').map(Number);
/** `real`: the service writes the archive before answering; `unavailable`: its MongoDB is down. */
const ARCHIVE = (process.env.BENCH_PUT_ARCHIVE ?? (env.mongoKind === 'mongod' ? 'real' : 'unavailable')) as 'real' | 'unavailable';
const OTHER_TENANT = 9601;
const OTHER_RATE = Number(process.env.BENCH_PUT_OTHER_RATE ?? 1000);
const BASELINE_SEC = 5;

await preloadStore(store, OTHER_TENANT, 0, 20_000);
const unreachableMongo = `mongodb://127.0.0.1:${await freePort()}`;

/** Slow-log entries name a script by its function (FCALL upsert_order_<version>): the store's scripts by their file names. */
const scriptByFunction = new Map(scriptNames.map((name) => [functionName(name), name]));
const commandName = (args: string[]) =>
  args[0]?.toLowerCase() === 'fcall' ? (scriptByFunction.get(args[1] ?? '') ?? 'fcall') : (args[0] ?? '');
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;

const runs: Record<string, unknown>[] = [];
let tenant = 9700;
for (const size of SIZES) {
  const t = ++tenant;
  const body = JSON.stringify(Array.from({ length: size }, (_, i) => makeOrder(t, i)));
  log(`PUT of ${size} orders (${(body.length / 2 ** 20).toFixed(1)} MiB), archive ${ARCHIVE}`);
  const service = await startServer(
    'service',
    serviceEnv(ARCHIVE === 'real' ? mongoUrl('reservoir_bench_put') : `${unreachableMongo}/reservoir_bench_put`, {
      MONGO_TIMEOUT_MS: ARCHIVE === 'real' ? '10000' : '500',
    }),
  );
  const rssBefore = memoryMiB(service.pid);
  const reader = new LoadGenerator({
    url: service.url,
    connections: 10,
    rate: OTHER_RATE,
    token: ADMIN_KEY,
    scenario: { name: 'get', tenantId: OTHER_TENANT, pool: 20_000 },
  });
  await reader.run(2, false);
  await reader.run(BASELINE_SEC);
  const baseline: LoadResult = await reader.report();

  await redis.config('SET', 'slowlog-log-slower-than', '2000');
  await redis.config('SET', 'slowlog-max-len', '10000');
  await redis.config('SET', 'latency-monitor-threshold', '5');
  await redis.slowlog('RESET');
  await redis.call('LATENCY', 'RESET');

  let peak = rssBefore.peak;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, memoryMiB(service.pid).peak);
    } catch {}
  }, 100);
  const during = reader.run(0);
  const t0 = performance.now();
  const response = await fetch(`${service.url}/${t}/orders`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
    body,
  });
  const answer = await response.text();
  const putSec = (performance.now() - t0) / 1000;
  reader.stop();
  await during;
  clearInterval(sampler);
  const duringPut: LoadResult = await reader.report();
  await reader.close();
  peak = Math.max(peak, memoryMiB(service.pid).peak);

  const slowlog = (await redis.slowlog('GET', 10000)) as [number, number, number, string[]][];
  const longest = slowlog.reduce((m, entry) => (entry[2] > m.us ? { us: entry[2], command: commandName(entry[3]) } : m), {
    us: 0,
    command: '',
  });
  const byCommand: Record<string, { count: number; p50Ms: number; p90Ms: number; maxMs: number }> = {};
  for (const name of new Set(slowlog.map((e) => commandName(e[3])))) {
    const us = slowlog
      .filter((e) => commandName(e[3]) === name)
      .map((e) => e[2])
      .sort((a, b) => a - b);
    byCommand[name] = {
      count: us.length,
      p50Ms: round(percentile(us, 50) / 1000, 1),
      p90Ms: round(percentile(us, 90) / 1000, 1),
      maxMs: round(us[us.length - 1]! / 1000, 1),
    };
  }
  const latest = (await redis.call('LATENCY', 'LATEST')) as [string, number, number, number][];
  const stored = await redis.hlen(`r:{t:${t}}:${(await redis.get(`r:{t:${t}}:gen`)) ?? '0'}:o`);
  await service.stop();
  if (response.status !== 200 || stored !== size)
    throw new Error(`PUT answered ${response.status} ${answer.slice(0, 300)}; ${stored} stored`);

  const row = {
    orders: size,
    bodyMiB: round(body.length / 2 ** 20, 1),
    archive: ARCHIVE,
    answer: JSON.parse(answer),
    putSec: round(putSec, 2),
    rssMiB: { beforePut: round(rssBefore.current, 0), peak: round(peak, 0) },
    redis: {
      longestCommandMs: round(longest.us / 1000, 2),
      longestCommand: longest.command,
      commandsOver2ms: slowlog.length,
      /** Commands over 2 ms, by script: how long each usually takes, and the worst. */
      byCommand,
      latencyEvents: latest.map(([event, , latestMs, maxMs]) => ({ event, latestMs, maxMs })),
    },
    otherTenant: {
      rate: OTHER_RATE,
      baseline: {
        p50: round(baseline.latencyMs.p50, 2),
        p99: round(baseline.latencyMs.p99, 2),
        max: round(baseline.latencyMs.max, 2),
        rps: round(baseline.rps, 0),
      },
      duringPut: {
        p50: round(duringPut.latencyMs.p50, 2),
        p99: round(duringPut.latencyMs.p99, 2),
        max: round(duringPut.latencyMs.max, 2),
        rps: round(duringPut.rps, 0),
        non2xx: duringPut.non2xx,
      },
    },
  };
  log(
    `  ${row.putSec} s, peak RSS ${row.rssMiB.peak} MiB, longest Redis command ` +
      `${row.redis.longestCommandMs} ms (${row.redis.longestCommand}), ` +
      `other tenant p99 ${row.otherTenant.baseline.p99} ms before -> ${row.otherTenant.duringPut.p99} ms during`,
  );
  runs.push(row);
}
saveResult('replace', { archive: ARCHIVE, otherTenantRate: OTHER_RATE, runs });
await redis.quit();
