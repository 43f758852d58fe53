/**
 * Benchmark 1: HTTP throughput and latency of the hot routes, each beside its bare ceiling
 * (ceiling/bare.ts) on the same Redis, in the same run; plus a hello-world Hono server for scale.
 * One service process; the load generator is another process (it competes for the 2 cores with
 * the server and Redis, equally on both sides).
 */
import { Redis } from 'ioredis';
import { createRedisOrderRepositories } from '../src/repositories/orders/index.js';
import { ADMIN_KEY, env, mongoUrl, requireServers } from './lib/env.js';
import { LoadGenerator, type LoadResult } from './lib/load.js';
import { preloadBareGet, preloadBareOrders, preloadStore } from './lib/preload.js';
import { cpuSeconds, serviceEnv, startServer, type ServerHandle } from './lib/processes.js';
import { log, saveResult } from './lib/results.js';
import type { ScenarioSpec } from './lib/scenarios.js';
import { round } from './lib/stats.js';
import { defaultServiceSettings } from '../src/config.js';
import { orderSettingsOf } from '../src/services.js';

requireServers();
const redis = new Redis(env.redisUrl);
const store = createRedisOrderRepositories(redis, orderSettingsOf(defaultServiceSettings())).orders;

async function redisCpu(): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
}

export interface Measurement extends LoadResult {
  serverCpuUsPerReq: number;
  redisCpuUsPerReq: number;
}

type Side = 'service' | 'ceiling';

/**
 * Measures both sides of one comparison: a warm-up of each, then `env.slices` alternating slices
 * of durationSec / slices each (ceiling, service, service, ceiling, ...), so that both sides see
 * the same background load of this shared machine. CPU of the server process and of Redis is
 * counted over each side's slices only.
 */
async function measurePair(
  servers: Record<Side, ServerHandle>,
  specs: Record<Side, ScenarioSpec>,
  connections: number,
): Promise<Record<Side, Measurement>> {
  const sides: Side[] = ['ceiling', 'service'];
  const gens = Object.fromEntries(
    sides.map((side) => [
      side,
      new LoadGenerator({ url: servers[side].url, connections, token: side === 'service' ? ADMIN_KEY : undefined, scenario: specs[side] }),
    ]),
  ) as Record<Side, LoadGenerator>;
  try {
    for (const side of sides) await gens[side].run(env.warmupSec, false);
    const cpu = { service: 0, ceiling: 0 };
    const rcpu = { service: 0, ceiling: 0 };
    const slice = env.durationSec / env.slices;
    for (let i = 0; i < env.slices; i++) {
      for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
        const [c0, r0] = [cpuSeconds(servers[side].pid), await redisCpu()];
        await gens[side].run(slice);
        cpu[side] += cpuSeconds(servers[side].pid) - c0;
        rcpu[side] += (await redisCpu()) - r0;
      }
    }
    const out = {} as Record<Side, Measurement>;
    for (const side of sides) {
      const r = await gens[side].report();
      const ok = Math.max(1, r.requests);
      out[side] = { ...r, serverCpuUsPerReq: (cpu[side] * 1e6) / ok, redisCpuUsPerReq: (rcpu[side] * 1e6) / ok };
      const m = out[side];
      log(
        `  ${servers[side].name.padEnd(7)} c=${connections} ${Math.round(m.rps)} req/s p50 ` +
          `${m.latencyMs.p50.toFixed(2)} ms p99 ${m.latencyMs.p99.toFixed(2)} ms` +
          ` cpu ${m.serverCpuUsPerReq.toFixed(0)} µs/req redis ${m.redisCpuUsPerReq.toFixed(0)} µs/req` +
          (m.non2xx || m.errors ? ` NON-2XX ${m.non2xx} ERRORS ${m.errors}` : ''),
      );
    }
    return out;
  } finally {
    await Promise.all(sides.map((side) => gens[side].close()));
  }
}

/** One server alone (the hello-world), same warm-up and duration. */
async function measureOne(server: ServerHandle, spec: ScenarioSpec, connections: number): Promise<Measurement> {
  const gen = new LoadGenerator({ url: server.url, connections, scenario: spec });
  try {
    await gen.run(env.warmupSec, false);
    const c0 = cpuSeconds(server.pid);
    await gen.run(env.durationSec);
    const cpu = cpuSeconds(server.pid) - c0;
    const r = await gen.report();
    log(
      `  ${server.name.padEnd(7)} c=${connections} ${Math.round(r.rps)} req/s p50 ` +
        `${r.latencyMs.p50.toFixed(2)} ms p99 ${r.latencyMs.p99.toFixed(2)} ms`,
    );
    return { ...r, serverCpuUsPerReq: (cpu * 1e6) / Math.max(1, r.requests), redisCpuUsPerReq: 0 };
  } finally {
    await gen.close();
  }
}

const POOL = Number(process.env.BENCH_HTTP_POOL ?? 20_000);
// Each delete takes an order of the pool for good, over both concurrencies: the bare side took 163,000 on 2026-12-08.
const DELETE_POOL = Number(process.env.BENCH_HTTP_DELETE_POOL ?? 250_000);
const TENANT = 7000;

interface Endpoint {
  key: string;
  label: string;
  ceiling: string;
  tenantId: number;
  prepare(): Promise<void>;
  scenario(side: Side): ScenarioSpec;
  after?(side: Side, result: Measurement): void;
}

const deleteOffsets = { service: 0, ceiling: 0 };

const endpoints: Endpoint[] = [
  {
    key: 'upsert',
    label: 'POST /{t}/order (3 lines)',
    ceiling: 'parse body + 1 EVALSHA of a 12-operation script',
    tenantId: TENANT + 1,
    prepare: async () => {},
    scenario: () => ({ name: 'upsert', tenantId: TENANT + 1, pool: POOL }),
  },
  {
    key: 'get',
    label: 'GET /{t}/order/{id}',
    ceiling: '1 Redis GET',
    tenantId: TENANT + 2,
    prepare: async () => {
      await preloadStore(store, TENANT + 2, 0, POOL);
      await preloadBareGet(redis, TENANT + 2, 0, POOL);
    },
    scenario: () => ({ name: 'get', tenantId: TENANT + 2, pool: POOL }),
  },
  {
    key: 'deleteCode',
    label: 'DELETE /{t}/order/byid/{id}/code/{code}',
    ceiling: '1 EVALSHA: read, decode, unreserve the lines, write back',
    tenantId: TENANT + 3,
    prepare: async () => {
      await preloadStore(store, TENANT + 3, 0, DELETE_POOL);
      await preloadBareOrders(redis, TENANT + 3, 0, DELETE_POOL);
    },
    scenario: (side) => ({ name: 'delete-code', tenantId: TENANT + 3, pool: DELETE_POOL, offset: deleteOffsets[side] }),
    after: (side, result) => {
      deleteOffsets[side] += Math.ceil(result.sent / 3) + 1;
      if (deleteOffsets[side] > DELETE_POOL) {
        throw new Error(`delete-code consumed ${deleteOffsets[side]} orders of ${DELETE_POOL}: raise BENCH_HTTP_DELETE_POOL`);
      }
    },
  },
  {
    key: 'stockOrigin',
    label: 'GET /{t}/stock-origins/{code}',
    ceiling: '1 EVALSHA reading the same figures (4 reads)',
    tenantId: TENANT + 4,
    prepare: () => preloadStore(store, TENANT + 4, 0, 5000),
    scenario: () => ({ name: 'stock-origin', tenantId: TENANT + 4, pool: 5000 }),
  },
];

const selected = (process.env.BENCH_HTTP_ENDPOINTS ?? endpoints.map((e) => e.key).join(',')).split(',');

await redis.flushall();
const started = Date.now();
const results: Record<string, unknown> = {
  runtime: env.runtime,
  durationSec: env.durationSec,
  warmupSec: env.warmupSec,
  connections: env.connections,
  slices: env.slices,
  logging: 'LOG_LEVEL=info (one pino line per request) to /dev/null',
};

log(`hello-world Hono (${env.runtime})`);
const hello = await startServer('hello', {});
const helloResults: Record<number, Measurement> = {};
for (const c of env.connections) helloResults[c] = await measureOne(hello, { name: 'hello', tenantId: 0, pool: 1 }, c);
await hello.stop();
results.hello = helloResults;

const service = await startServer('service', serviceEnv(mongoUrl('reservoir_bench_http')));
const bare = await startServer('bare', { REDIS_URL: env.redisUrl });
const table: Record<string, unknown> = {};
try {
  for (const endpoint of endpoints.filter((e) => selected.includes(e.key))) {
    log(`${endpoint.label}: preparing`);
    await endpoint.prepare();
    const rows: Record<number, unknown> = {};
    for (const c of env.connections) {
      const got = await measurePair(
        { service, ceiling: bare },
        { service: endpoint.scenario('service'), ceiling: endpoint.scenario('ceiling') },
        c,
      );
      for (const side of ['ceiling', 'service'] as const) endpoint.after?.(side, got[side]);
      const s = got.service!;
      const b = got.ceiling!;
      rows[c] = {
        service: s,
        ceiling: b,
        rpsRatio: round(s.rps / b.rps, 3),
        p99Ratio: round(s.latencyMs.p99 / b.latencyMs.p99, 3),
        helloRatio: round(b.rps / helloResults[c]!.rps, 3),
      };
      log(`  => ratio ${(s.rps / b.rps).toFixed(3)} of the ceiling's req/s, p99 ${(s.latencyMs.p99 / b.latencyMs.p99).toFixed(2)}x`);
    }
    table[endpoint.key] = { label: endpoint.label, ceiling: endpoint.ceiling, rows };
  }
} finally {
  await Promise.all([service.stop(), bare.stop()]);
}
results.endpoints = table;
results.wallSec = Math.round((Date.now() - started) / 1000);
saveResult(`http-${env.runtime}`, results);
await redis.quit();
