/**
 * Benchmark 5: webhook deliveries per second to a local receiver.
 *
 * One service process (as `npm start`, its dispatcher on) and a receiver in this process that
 * answers 200 at once. A burst of events is appended to one tenant's feed the way the order
 * scripts append them (XADD to `r:{t:<id>}:events`, pipelined), with 1 (and then 3) endpoints
 * subscribed; measured: deliveries per second from the first append to the last delivery, the
 * latency from an event's time to its arrival, and the service's CPU.
 *
 * Ceiling: a client process of its own (bench/ceiling/webhook-client.ts) POSTs the same signed
 * bodies to the same receiver over keep-alive connections with the same concurrency, without
 * Redis: what the HTTP work alone allows.
 *
 * Settings: BENCH_WEBHOOK_EVENTS (5000), BENCH_WEBHOOK_CONCURRENCY (64, WEBHOOK_CONCURRENCY).
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { ADMIN_KEY, BENCH_DIR, env, mongoUrl, requireServers, ROOT } from './lib/env.js';
import { cpuSeconds, serviceEnv, startServer } from './lib/processes.js';
import { log, saveResult } from './lib/results.js';
import { round, Samples } from './lib/stats.js';

requireServers();
const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_WEBHOOK_CONCURRENCY ?? 64);
const DB = 'reservoir_bench_webhooks';

const redis = new Redis(env.redisUrl);
await redis.flushall();
const mongo = new MongoClient(mongoUrl(DB));
await mongo.connect();
await mongo.db(DB).dropDatabase();

// The receiver: records when each webhook-id arrived at each endpoint path.
let arrivals = new Map<string, number>();
let expected = 0;
let allArrived: (() => void) | null = null;
const receiver = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const id = `${req.url} ${String(req.headers['webhook-id'])}`;
    if (!arrivals.has(id)) arrivals.set(id, Date.now());
    res.writeHead(200).end();
    if (arrivals.size >= expected) allArrived?.();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const service = await startServer(
  'service',
  serviceEnv(mongoUrl(DB), { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_CONCURRENCY: String(CONCURRENCY), LOG_LEVEL: 'warn' }),
);
const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${service.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_KEY}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>;
};

const sampleData = (i: number) =>
  JSON.stringify({
    order: {
      orderId: `3fa85f64-5717-4562-b3fc-${String(i).padStart(12, '0')}`,
      tenantId: 0,
      lastUpdated: '2025-09-22T10:01:20.624Z',
      type: 'Order',
      lines: [
        { code: 'FRA:MAG:0125', artGuid: 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460', qty: 1 },
        { code: 'FRA:MAG:0953', artGuid: '4128d10e-1594-42a7-8c79-bde5181a20f5', qty: 2 },
        { code: 'FRA:MAG:0125', artGuid: '4128d10e-1594-42a7-8c79-bde5181a20f5', qty: 3 },
      ],
    },
  });

async function run(tenantId: number, endpoints: number) {
  for (let e = 0; e < endpoints; e++)
    await call('POST', `/${tenantId}/webhooks`, { url: `${receiverUrl}/${e}`, events: ['order.created'] });
  // Let the dispatcher learn the tenant before the burst (it reads the list every 2 s).
  await new Promise((r) => setTimeout(r, 2500));
  arrivals = new Map();
  expected = EVENTS * endpoints;
  const done = new Promise<void>((resolve) => (allArrived = resolve));
  const cpu0 = cpuSeconds(service.pid);
  const t0 = Date.now();
  const times = new Map<string, number>();
  for (let i = 0; i < EVENTS; i += 500) {
    const pipeline = redis.pipeline();
    for (let j = i; j < Math.min(EVENTS, i + 500); j++)
      pipeline.xadd(`r:{t:${tenantId}}:events`, 'MAXLEN', '~', 100_000, '*', 'type', 'order.created', 'data', sampleData(j));
    for (const [, id] of (await pipeline.exec())!) times.set(`evt_${tenantId}_${id as string}`, Number(String(id).split('-')[0]));
  }
  const appendedMs = Date.now() - t0;
  await done;
  await new Promise((r) => setTimeout(r, 50));
  const elapsed = (Math.max(...arrivals.values()) - t0) / 1000;
  const latency = new Samples();
  for (const [key, at] of arrivals) latency.add(at - times.get(key.slice(key.indexOf(' ') + 1))!);
  const l = latency.summary();
  const cpu = cpuSeconds(service.pid) - cpu0;
  const result = {
    endpoints,
    events: EVENTS,
    deliveries: EVENTS * endpoints,
    appendedMs,
    seconds: round(elapsed, 2),
    eventsPerSecond: round(EVENTS / elapsed, 0),
    serviceCpuSeconds: round(cpu, 2),
    latencyMs: { p50: round(l.p50, 0), p90: round(l.p90, 0), p99: round(l.p99, 0), max: round(l.max, 0) },
  };
  log(
    `  ${endpoints} endpoint(s): ${EVENTS * endpoints} deliveries in ${result.seconds} s = ` +
      `${round((EVENTS * endpoints) / elapsed, 0)}/s; event-to-arrival p50 ${l.p50} ms, p99 ` +
      `${l.p99} ms; service CPU ${result.serviceCpuSeconds} s`,
  );
  return result;
}

/** The same signed POSTs, same concurrency, from a client process of its own without Redis: the HTTP work alone. */
async function ceiling() {
  arrivals = new Map();
  expected = EVENTS;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'ceiling/webhook-client.ts')], {
    cwd: ROOT,
    env: { ...process.env, URL: receiverUrl, EVENTS: String(EVENTS), CONCURRENCY: String(CONCURRENCY), DATA: sampleData(0) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const seconds = (JSON.parse(output) as { seconds: number }).seconds;
  log(`  ceiling: ${EVENTS} POSTs in ${round(seconds, 2)} s = ${round(EVENTS / seconds, 0)}/s`);
  return { seconds: round(seconds, 2), perSecond: round(EVENTS / seconds, 0) };
}

log(`webhooks: ${EVENTS} events, concurrency ${CONCURRENCY}`);
const top = await ceiling();
const one = await run(1, 1);
const three = await run(2, 3);
await service.stop();
receiver.close();
await mongo.db(DB).dropDatabase();
await mongo.close();
redis.disconnect();

saveResult('webhooks', {
  concurrency: CONCURRENCY,
  ceiling: top,
  runs: [one, three].map((r) => ({
    ...r,
    deliveriesPerSecond: round(r.deliveries / r.seconds, 0),
    ratioToCeiling: round(r.deliveries / r.seconds / top.perSecond, 2),
  })),
});
