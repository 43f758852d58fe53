/**
 * The service's CPU per request of two (or more) builds under the same load, alternated round by
 * round (the order reversed every other round), so that a machine whose speed drifts weighs on
 * each build alike. How issue 24's "the hot routes are no slower" was measured (bench/NOTES.md).
 *
 *   git archive <rev> | tar -x -C /tmp/old && (cd /tmp/old && ln -s "$PWD/node_modules" . && node scripts/build.mjs --out-dir out)
 *   node scripts/build.mjs --out-dir /tmp/new
 *   BENCH_REDIS_URL=... BENCH_MONGO_URL=... node --import tsx bench/compare-builds.ts upsert,get 6 10 /tmp/old/out /tmp/new
 *
 * Arguments: the scenarios (bench/lib/scenarios.ts), the rounds, the seconds measured per
 * scenario and round (after 2 s of warm-up), the builds' directories. Each build is run as
 * `npm run bench` runs the service (compiled, through bench/.build/service, replaced for the
 * run). Per run: service CPU µs per request (from /proc), req/s, and Redis' commands, reads and
 * writes per request (INFO stats): fewer reads per request means more commands per socket write.
 * Run nothing else meanwhile: on the two-core machine a test run in parallel doubles the figures.
 */
import { rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { createRedisOrderRepositories } from '../src/repositories/orders/index.js';
import { ADMIN_KEY, BENCH_DIR, env, mongoUrl, requireServers } from './lib/env.js';
import { LoadGenerator } from './lib/load.js';
import { preloadStore } from './lib/preload.js';
import { cpuSeconds, serviceEnv, startServer } from './lib/processes.js';
import type { ScenarioSpec } from './lib/scenarios.js';
import { defaultServiceSettings } from '../src/config.js';
import { orderSettingsOf } from '../src/services.js';

requireServers();
const names = (process.argv[2] ?? 'upsert').split(',') as ScenarioSpec['name'][];
const rounds = Number(process.argv[3] ?? 3);
const seconds = Number(process.argv[4] ?? 10);
const builds = process.argv.slice(5);
const tenantId = 7900;
const redis = new Redis(env.redisUrl);
if (names.some((n) => n !== 'upsert'))
  await preloadStore(createRedisOrderRepositories(redis, orderSettingsOf(defaultServiceSettings())).orders, tenantId, 0, 20_000);
const link = path.join(BENCH_DIR, '.build', 'service');
const results = new Map<string, number[]>();

/** One scenario against a running build: its service CPU per request, with Redis' view of the same seconds. */
async function measure(service: { url: string; pid: number }, name: ScenarioSpec['name'], build: string): Promise<number> {
  const load = new LoadGenerator({ url: service.url, connections: 50, token: ADMIN_KEY, scenario: { name, tenantId, pool: 20_000 } });
  await load.run(2, false);
  await redis.config('RESETSTAT');
  const cpu0 = cpuSeconds(service.pid);
  await load.run(seconds);
  const result = await load.report();
  const us = ((cpuSeconds(service.pid) - cpu0) * 1e6) / Math.max(1, result.requests);
  const stats = await redis.info('stats');
  const perRequest = (field: string) => (Number(new RegExp(`${field}:(\\d+)`).exec(stats)?.[1]) / result.requests).toFixed(2);
  await load.close();
  console.log(
    `${name} ${build}: ${us.toFixed(1)} µs/req, ${Math.round(result.rps)} req/s, non-2xx ${result.non2xx}; ` +
      `Redis per request: ${perRequest('total_commands_processed')} commands, ${perRequest('total_reads_processed')} reads`,
  );
  return us;
}

try {
  for (let round = 0; round < rounds; round++) {
    for (const build of round % 2 ? [...builds].reverse() : builds) {
      rmSync(link, { recursive: true, force: true });
      symlinkSync(path.resolve(build), link);
      const service = await startServer('service', serviceEnv(mongoUrl('reservoir_bench_compare')), { runtime: 'compiled' });
      for (const name of names) {
        const key = `${name} ${build}`;
        results.set(key, [...(results.get(key) ?? []), await measure(service, name, build)]);
      }
      await service.stop();
    }
  }
  for (const [key, runs] of results) {
    const mean = runs.reduce((a, b) => a + b, 0) / runs.length;
    console.log(`${key}: mean ${mean.toFixed(1)} µs/req [${runs.map((x) => x.toFixed(0)).join(', ')}]`);
  }
} finally {
  await redis.quit();
  rmSync(link, { recursive: true, force: true });
}
