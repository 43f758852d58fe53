/**
 * The service's CPU per request of two (or more) builds under the same load at the same time: each
 * build runs as its own process, on its own tenant, driven by its own load generator at the same
 * fixed rate (open loop), all measured over the same seconds. A machine whose speed drifts (this
 * VM's moves by ±25 % within minutes) then weighs on every build alike, which alternating runs
 * one after the other could not ensure. How issue 24's "the hot routes are no slower" was
 * measured (bench/NOTES.md).
 *
 *   git archive <rev> | tar -x -C /tmp/old && (cd /tmp/old && ln -s "$PWD/node_modules" . && node scripts/build.mjs --out-dir out)
 *   node scripts/build.mjs --out-dir /tmp/new
 *   BENCH_REDIS_URL=... BENCH_MONGO_URL=... node --import tsx bench/compare-builds.ts upsert,get 6 10 /tmp/old/out /tmp/new
 *
 * Arguments: the scenarios (bench/lib/scenarios.ts), the rounds (the services are started afresh
 * each round), the seconds measured per scenario and round (after 2 s of warm-up), the builds'
 * directories (each as `npm run build` writes it). BENCH_COMPARE_RATE: requests per second sent to
 * each build (default 1,000; keep the machine below saturation, or the builds compete for CPU
 * rather than share it). Per run and build: service CPU µs per request (from /proc) and the
 * requests answered. Run nothing else meanwhile.
 */
import path from 'node:path';
import { Redis } from 'ioredis';
import { createRedisOrderRepositories } from '../src/repositories/orders/index.js';
import { ADMIN_KEY, env, mongoUrl, requireServers } from './lib/env.js';
import { LoadGenerator } from './lib/load.js';
import { preloadStore } from './lib/preload.js';
import { cpuSeconds, serviceEnv, startServer, type ServerHandle } from './lib/processes.js';
import type { ScenarioSpec } from './lib/scenarios.js';
import { defaultServiceSettings } from '../src/config.js';
import { orderSettingsOf } from '../src/services.js';

requireServers();
const names = (process.argv[2] ?? 'upsert').split(',') as ScenarioSpec['name'][];
const rounds = Number(process.argv[3] ?? 3);
const seconds = Number(process.argv[4] ?? 10);
const builds = process.argv.slice(5);
const rate = Number(process.env.BENCH_COMPARE_RATE ?? 1000);
if (builds.length === 0) throw new Error('compare-builds: name the builds to compare (directories holding server.js)');

/** Each build writes and reads its own tenant, so that no build's writes redefine another's orders. */
const tenantOf = (b: number) => 7900 + b;
const redis = new Redis(env.redisUrl);
if (names.some((n) => n !== 'upsert')) {
  const { orders } = createRedisOrderRepositories(redis, orderSettingsOf(defaultServiceSettings()));
  for (let b = 0; b < builds.length; b++) await preloadStore(orders, tenantOf(b), 0, 20_000);
}

/** One scenario against every build at once: each build's service CPU per request over the same seconds. */
async function measure(services: ServerHandle[], name: ScenarioSpec['name'], round: number): Promise<number[]> {
  // delete-code consumes its orders (three requests each): each round takes the next ones of the 20,000 preloaded.
  const offset = name === 'delete-code' ? round * Math.ceil((rate * (seconds + 2)) / 3) : 0;
  if (offset + Math.ceil((rate * (seconds + 2)) / 3) > 20_000)
    throw new Error('compare-builds: delete-code would run out of orders: fewer rounds or seconds');
  const loads = services.map(
    (service, b) =>
      new LoadGenerator({
        url: service.url,
        connections: 50,
        token: ADMIN_KEY,
        rate,
        scenario: { name, tenantId: tenantOf(b), pool: 20_000, offset },
      }),
  );
  await Promise.all(loads.map((load) => load.run(2, false)));
  const cpu0 = services.map((service) => cpuSeconds(service.pid));
  await Promise.all(loads.map((load) => load.run(seconds)));
  const cpu1 = services.map((service) => cpuSeconds(service.pid));
  const reports = await Promise.all(loads.map((load) => load.report()));
  await Promise.all(loads.map((load) => load.close()));
  return reports.map((report, b) => {
    const us = ((cpu1[b]! - cpu0[b]!) * 1e6) / Math.max(1, report.requests);
    console.log(`${name} ${builds[b]}: ${us.toFixed(1)} µs/req, ${Math.round(report.rps)} req/s, non-2xx ${report.non2xx}`);
    return us;
  });
}

const results = new Map<string, number[]>();
try {
  for (let round = 0; round < rounds; round++) {
    const services = await Promise.all(
      builds.map((build) =>
        startServer('service', serviceEnv(mongoUrl('reservoir_bench_compare')), {
          runtime: 'compiled',
          entryPath: path.resolve(build, 'server.js'),
        }),
      ),
    );
    try {
      for (const name of names) {
        const perBuild = await measure(services, name, round);
        perBuild.forEach((us, b) => {
          const key = `${name} ${builds[b]}`;
          results.set(key, [...(results.get(key) ?? []), us]);
        });
      }
    } finally {
      await Promise.all(services.map((service) => service.stop()));
    }
  }
  for (const [key, runs] of results) {
    const mean = runs.reduce((a, b) => a + b, 0) / runs.length;
    console.log(`${key}: mean ${mean.toFixed(1)} µs/req [${runs.map((x) => x.toFixed(0)).join(', ')}]`);
  }
} finally {
  await redis.quit();
}
