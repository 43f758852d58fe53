/**
 * Profiles the service under one scenario's load: `--cpu-prof` on the service process, then the
 * top functions by self time. Used to find where a route's time goes.
 *
 *   BENCH_REDIS_URL=... BENCH_MONGO_URL=... node --import tsx bench/profile.ts upsert [seconds]
 *
 * Scenarios: upsert, get, delete-code, stock-origin. BENCH_PROFILE_ENTRY=path/to/server.ts profiles
 * another entry point (e.g. a copy of src/ with one middleware changed, to weigh it);
 * BENCH_PROFILE_SIDE=ceiling profiles the bare ceiling (ceiling/bare.ts) under the same load, so
 * the two profiles' µs per request can be set side by side. BENCH_PROFILE_RATE=<req/s> sends at
 * that rate (open loop) instead of as fast as answered: two builds compared at the same rate pay
 * the same per-tick costs, which at full speed depend on how many requests each tick carries.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { createRedisOrderRepositories } from '../src/repositories/orders/index.js';
import { ADMIN_KEY, BENCH_DIR, env, mongoUrl, requireServers } from './lib/env.js';
import { LoadGenerator } from './lib/load.js';
import { preloadBareGet, preloadBareOrders, preloadStore } from './lib/preload.js';
import { cpuSeconds, serviceEnv, startServer } from './lib/processes.js';
import type { ScenarioSpec } from './lib/scenarios.js';
import { defaultServiceSettings } from '../src/config.js';
import { orderSettingsOf } from '../src/services.js';

requireServers();
const name = (process.argv[2] ?? 'upsert') as ScenarioSpec['name'];
const seconds = Number(process.argv[3] ?? 8);
const dir = path.join(BENCH_DIR, '.build', 'profiles');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

const tenantId = 7900;
const side = process.env.BENCH_PROFILE_SIDE === 'ceiling' ? 'ceiling' : 'service';
const redis = new Redis(env.redisUrl);
if (side === 'service' && name !== 'upsert')
  await preloadStore(createRedisOrderRepositories(redis, orderSettingsOf(defaultServiceSettings())).orders, tenantId, 0, 20_000);
if (side === 'ceiling' && name === 'get') await preloadBareGet(redis, tenantId, 0, 20_000);
if (side === 'ceiling' && name === 'delete-code') await preloadBareOrders(redis, tenantId, 0, 20_000);
const nodeFlags = ['--cpu-prof', `--cpu-prof-dir=${dir}`];
const service =
  side === 'ceiling'
    ? await startServer('bare', { REDIS_URL: env.redisUrl }, { nodeFlags })
    : await startServer('service', serviceEnv(mongoUrl('reservoir_bench_profile')), {
        nodeFlags,
        entryPath: process.env.BENCH_PROFILE_ENTRY,
      });
const load = new LoadGenerator({
  url: service.url,
  connections: 50,
  token: side === 'service' ? ADMIN_KEY : undefined,
  ...(process.env.BENCH_PROFILE_RATE ? { rate: Number(process.env.BENCH_PROFILE_RATE) } : {}),
  scenario: { name, tenantId, pool: 20_000 },
});
await load.run(1, false);
const cpu0 = cpuSeconds(service.pid);
await load.run(seconds);
const result = await load.report();
const cpuUsPerRequest = ((cpuSeconds(service.pid) - cpu0) * 1e6) / Math.max(1, result.requests);
await load.close();
await service.stop();
await redis.quit();
console.log(`${Math.round(result.rps)} req/s, p99 ${result.latencyMs.p99.toFixed(2)} ms, non-2xx ${result.non2xx}`);

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error('no profile written');
const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const self = new Map<number, number>();
profile.samples.forEach((id, i) => {
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const byFrame = new Map<string, number>();
for (const node of profile.nodes) {
  const { functionName, url, lineNumber } = node.callFrame;
  if (functionName === '(idle)') continue;
  const key =
    `${functionName || '(anonymous)'} ` +
    `${url.replace(/^.*node_modules\//, '~/').replace(/^file:\/\/.*?\/(src|bench)\//, '$1/')}:${lineNumber + 1}`;
  byFrame.set(key, (byFrame.get(key) ?? 0) + (self.get(node.id) ?? 0));
}
// Inclusive time per package / source folder, from the self time of its frames.
const byPackage = new Map<string, number>();
for (const [key, us] of byFrame) {
  const where = key.split(' ').slice(1).join(' ');
  const pkg =
    /~\/(@[^/]+\/[^/]+|[^/]+)/.exec(where)?.[1] ??
    (/(src|bench)\//.test(where) ? where.split(':')[0]! : where.startsWith('node:') ? 'node:internal' : '(vm/native)');
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
}
// The process' CPU per request over the measured run (from /proc), shared out by the profile's
// busy samples (idle left out): comparable across two profiles.
const busy = [...byFrame.values()].reduce((a, b) => a + b, 0);
const perRequest = (us: number) => `${((us / busy) * cpuUsPerRequest).toFixed(1).padStart(6)} µs`;
const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${((100 * us) / busy).toFixed(1).padStart(5)}% ${perRequest(us)}  ${k}`)
    .join('\n');
console.log(`${side}: ${cpuUsPerRequest.toFixed(1)} µs of CPU per request (${result.requests} requests)`);
// Every function's µs per request, for setting the service's profile beside the ceiling's.
writeFileSync(
  path.join(dir, `${side}-${name}.json`),
  JSON.stringify(Object.fromEntries([...byFrame].map(([k, us]) => [k, (us / busy) * cpuUsPerRequest]))),
);
console.log(`\nself time by function (top 30)\n${top(byFrame, 30)}\n\nself time by package / file\n${top(byPackage, 20)}`);
