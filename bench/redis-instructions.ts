/**
 * Benchmark 2b: instructions per script call inside redis-server, counted by valgrind's callgrind:
 * the same count whatever else the machine does, where the time per call (benchmark 2) moves by
 * ±40 % on a shared machine. The 3-line upsert (creation, redefinition), the get and the delete
 * at one origin as the service calls them, beside the ceilings' scripts. Every script runs once
 * before counting. One redis-server under callgrind per variant, its counters zeroed and dumped
 * around each phase (callgrind_control).
 *
 *   npm run bench -- redis-instructions      (BENCH_INSTRUCTIONS_ORDERS, default 1,000)
 *
 * BENCH_CALLGRIND_OUT=<dir> keeps each phase's callgrind dump there, for `callgrind_annotate`
 * (where a call's instructions go, function by function).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { createRedisOrderRepositories } from '../src/repositories/orders/index.js';
import { DELETE_AT_ORIGIN, UPSERT_12, upsert12Args } from './ceiling/scripts.js';
import { makeOrder } from './lib/data.js';
import { snapshotRequest } from '../src/domain/simulate.js';
import { requireServers } from './lib/env.js';
import { freePort } from './lib/processes.js';
import { log, saveResult } from './lib/results.js';
import { defaultServiceSettings } from '../src/config.js';
import { orderSettingsOf } from '../src/services.js';

requireServers();
try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
} catch {
  log('redis-instructions: valgrind is not installed (apt-get install valgrind); skipped');
  process.exit(0);
}
const ORDERS = Number(process.env.BENCH_INSTRUCTIONS_ORDERS ?? 1000);
const KEEP = process.env.BENCH_CALLGRIND_OUT;
const OUT = KEEP ? path.resolve(KEEP) : mkdtempSync(path.join(os.tmpdir(), 'reservoir-callgrind-'));
if (KEEP) mkdirSync(OUT, { recursive: true });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function inWindows(count: number, write: (i: number) => Promise<unknown>) {
  for (let start = 0; start < count; start += 100) {
    const batch: Promise<unknown>[] = [];
    for (let i = start; i < Math.min(count, start + 100); i++) batch.push(write(i));
    await Promise.all(batch);
  }
}

type Phase = (operation: string, calls: number, run: () => Promise<unknown>) => Promise<void>;
const rows: { variant: string; operation: string; instructionsPerCall: number }[] = [];

/** A redis-server under callgrind for `work`; each phase's instructions per call go to `rows`. */
async function underCallgrind(variant: string, work: (redis: Redis, phase: Phase) => Promise<void>) {
  const port = await freePort();
  const tag = variant.replace(/\W+/g, '-');
  const child = spawn(
    'valgrind',
    [
      '--tool=callgrind',
      `--callgrind-out-file=${OUT}/${tag}.out`,
      'redis-server',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: 'ignore' },
  );
  try {
    for (let tries = 0; ; tries++) {
      try {
        execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'ignore' });
        break;
      } catch {
        if (tries > 120) throw new Error('redis-server under valgrind did not start within a minute');
        await sleep(500);
      }
    }
    const redis = new Redis({ port, commandTimeout: 600_000 });
    const pid = String(child.pid);
    const phase: Phase = async (operation, calls, run) => {
      execFileSync('callgrind_control', ['-z', pid], { stdio: 'ignore' });
      await run();
      execFileSync('callgrind_control', ['-d', operation.replace(/\W+/g, '_'), pid], { stdio: 'ignore' });
      const dumps = readdirSync(OUT)
        .filter((f) => f.startsWith(`${tag}.out.`))
        .sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()));
      const dump = readFileSync(path.join(OUT, dumps[dumps.length - 1]!), 'utf8');
      const total = Number(/^(?:summary|totals): (\d+)/m.exec(dump)?.[1]);
      const instructionsPerCall = Math.round(total / calls);
      rows.push({ variant, operation, instructionsPerCall });
      log(`${variant}, ${operation}: ${(instructionsPerCall / 1000).toFixed(0)}k instructions per call`);
    };
    await work(redis, phase);
    await redis.quit();
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

// The ceilings: the 12-operation upsert and the plain delete at one origin (bench/ceiling/scripts.ts).
await underCallgrind('ceiling', async (redis, phase) => {
  const upsert = (await redis.script('LOAD', UPSERT_12)) as string;
  const remove = (await redis.script('LOAD', DELETE_AT_ORIGIN)) as string;
  // Each script run once before counting (Redis compiles a script at its first call).
  const warm = makeOrder(8198, 0, 3, 0);
  await redis.evalsha(upsert, 1, 'b:{t:8198}:', ...upsert12Args(warm));
  await redis.evalsha(remove, 1, 'b:{t:8198}:', warm.orderId, warm.lines[0]!.code);
  await phase('creation', ORDERS, () =>
    inWindows(ORDERS, (i) => {
      const o = makeOrder(8199, i, 3, 0);
      return redis.evalsha(upsert, 1, 'b:{t:8199}:', ...upsert12Args(o));
    }),
  );
  await phase('delete at one origin', ORDERS / 2, () =>
    inWindows(ORDERS / 2, (i) => {
      const o = makeOrder(8199, i, 3, 0);
      return redis.evalsha(remove, 1, 'b:{t:8199}:', o.orderId, o.lines[0]!.code);
    }),
  );
});

// The service's scripts as it calls them (FCALL of the library's functions), each called once before counting.
await underCallgrind('as it is', async (redis, phase) => {
  const { orders: store, stock, reservations, replacer } = createRedisOrderRepositories(redis, orderSettingsOf(defaultServiceSettings()));
  const t = 9001;
  const warm = makeOrder(9002, 0, 3, 0);
  await store.upsertOrder(warm, Date.now());
  await store.upsertOrder(makeOrder(9002, 0, 3, 1), Date.now());
  await store.getOrderJson(9002, warm.orderId, Date.now());
  await store.deleteOrderLinesAtOrigin(9002, warm.orderId, warm.lines[0]!.code, Date.now());
  await phase('creation', ORDERS, () => inWindows(ORDERS, (i) => store.upsertOrder(makeOrder(t, i, 3, 0), Date.now())));
  await phase('redefinition', ORDERS, () => inWindows(ORDERS, (i) => store.upsertOrder(makeOrder(t, i, 3, 1), Date.now())));
  await phase('get', ORDERS, () => inWindows(ORDERS, (i) => store.getOrderJson(t, makeOrder(t, i).orderId, Date.now())));
  await phase('delete at one origin', ORDERS / 2, () =>
    inWindows(ORDERS / 2, (i) => store.deleteOrderLinesAtOrigin(t, makeOrder(t, i).orderId, makeOrder(t, i).lines[0]!.code, Date.now())),
  );
  // The cold paths that write many orders per call, per order: a PUT of the whole set (staged in
  // chunks, then switched) and a restore into a tenant that lost them.
  const tp = 9005;
  const tr = 9006;
  await replacer.replaceAllOrders(9002, [makeOrder(9002, 5, 3, 0)], Date.now());
  await store.restoreOrders(9002, [makeOrder(9002, 6, 3, 0)], Date.now());
  await phase('PUT, per order', ORDERS, () =>
    replacer.replaceAllOrders(
      tp,
      Array.from({ length: ORDERS }, (_, i) => makeOrder(tp, i, 3, 0)),
      Date.now(),
    ),
  );
  await phase('restore, per order', ORDERS, () =>
    store.restoreOrders(
      tr,
      Array.from({ length: ORDERS }, (_, i) => makeOrder(tr, i, 3, 0)),
      Date.now(),
    ),
  );
  // Availability: the same creations under Reservation-Policy if-available, every pair tracked
  // (with stock enough for all: the check runs in full and every write passes).
  const ta = 9003;
  const levels = new Map<string, { code: string; artGuid: string; onHand: number }>();
  for (let i = 0; i < ORDERS; i++) {
    for (const l of makeOrder(ta, i, 3, 0).lines)
      levels.set(`${l.code} ${l.artGuid}`, { code: l.code, artGuid: l.artGuid, onHand: 1_000_000 });
  }
  await stock.setLevels(ta, { asOf: new Date().toISOString(), levels: [...levels.values()] });
  await store.upsertOrder(makeOrder(9002, 1, 3, 0), Date.now(), undefined, 'if-available');
  await phase('creation, if-available, 3 tracked pairs', ORDERS, () =>
    inWindows(ORDERS, (i) => store.upsertOrder(makeOrder(ta, i, 3, 0), Date.now(), undefined, 'if-available')),
  );
  // The same creations under the policy always, every pair tracked: what the stock.out / stock.back
  // watch costs a tenant that keeps levels.
  const tt = 9004;
  const tracked = [...levels.values()];
  await stock.setLevels(tt, { asOf: new Date().toISOString(), levels: tracked });
  await phase('creation, always, 3 tracked pairs', ORDERS, () =>
    inWindows(ORDERS, (i) => store.upsertOrder(makeOrder(tt, i, 3, 0), Date.now())),
  );
  // What-if plans: 100 plans of 10 lines each, over the tracked tenant's origins and articles (the
  // snapshot script; judging the plans is the service's CPU, not Redis's).
  const plans = Array.from({ length: 100 }, (_, p) => ({
    lines: Array.from({ length: 10 }, (_, l) => {
      const { code, artGuid } = tracked[(p * 10 + l) % tracked.length]!;
      return { code, artGuid, qty: 1 };
    }),
  }));
  const SIMULATIONS = 20;
  await reservations.planSnapshot(tt, snapshotRequest(plans), Date.now());
  await phase('simulate, 100 plans of 10 lines', SIMULATIONS, async () => {
    for (let i = 0; i < SIMULATIONS; i++) await reservations.planSnapshot(tt, snapshotRequest(plans), Date.now());
  });
});

if (!KEEP) rmSync(OUT, { recursive: true, force: true });
saveResult('redis-instructions', { orders: ORDERS, valgrind: execFileSync('valgrind', ['--version'], { encoding: 'utf8' }).trim(), rows });
