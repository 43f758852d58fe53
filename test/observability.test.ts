import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { StoreUnavailable } from '../src/domain/errors.js';
import { defineJobs } from '../src/jobs/jobs.js';
import { buildServices } from '../src/services.js';
import { ADMIN_KEY, makeOrder, newTenantId, sleep, startTestService, type TestService } from './support/harness.js';
import { defaultConfig } from '../src/config.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

async function scrape(): Promise<string> {
  const res = await svc.call('GET', '/metrics');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.body as string;
}

function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('counts requests and their latency by route pattern and status', async () => {
    const t = newTenantId();
    const series = 'reservoir_http_requests_total{method="POST",route="/:tenantId/order",status="200"}';
    const before = value(await scrape(), series) ?? 0;
    await svc.call('POST', `/${t}/order`, makeOrder(t));
    await svc.call('POST', `/${t}/order`, makeOrder(t));
    await svc.call('POST', `/${t}/order`, { nope: 1 });
    const text = await scrape();
    expect(value(text, series)).toBe(before + 2);
    expect(value(text, 'reservoir_http_requests_total{method="POST",route="/:tenantId/order",status="400"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(
      /reservoir_http_request_duration_seconds_bucket\{le="0\.005",method="POST",route="\/:tenantId\/order",status="200"\} \d+/,
    );
    expect(value(text, 'reservoir_http_request_duration_seconds_count{method="POST",route="/:tenantId/order",status="200"}')).toBe(
      before + 2,
    );
    // Tenant ids never become labels of request metrics: the route pattern does.
    expect(text).not.toMatch(new RegExp(`route="/${t}`));
  });

  it('reports reserved quantities and stored orders per tenant, read from Redis at scrape time', async () => {
    const t = newTenantId();
    await svc.call('POST', `/${t}/order`, makeOrder(t));
    await svc.call('POST', `/${t}/order`, makeOrder(t, { lines: [{ code: 'X', artGuid: makeOrder(t).lines[0]!.artGuid, qty: 40 }] }));
    await sleep(300);
    const text = await scrape();
    expect(value(text, `reservoir_reserved_quantity{tenant="${t}"}`)).toBe(43);
    expect(value(text, `reservoir_orders_stored{tenant="${t}"}`)).toBe(2);
  });

  it('counts sync runs, orders written and the last success per tenant', async () => {
    const t = newTenantId();
    await svc.call('POST', `/${t}/order`, makeOrder(t));
    const before = await scrape();
    const started = Date.now() / 1000;
    expect((await svc.call('POST', '/admin/sync', { tenantId: t })).body.ok).toBe(true);
    const text = await scrape();
    expect(value(text, 'reservoir_sync_runs_total{trigger="admin",outcome="ok"}')).toBe(
      (value(before, 'reservoir_sync_runs_total{trigger="admin",outcome="ok"}') ?? 0) + 1,
    );
    expect(value(text, 'reservoir_sync_orders_written_total')).toBe((value(before, 'reservoir_sync_orders_written_total') ?? 0) + 1);
    expect(value(text, `reservoir_sync_last_success_timestamp_seconds{tenant="${t}"}`)).toBeGreaterThanOrEqual(Math.floor(started));
  });

  it('counts orders removed by the expiry sweep', async () => {
    // A clock of the test's own (the cart is stored alive, then due, whatever this machine's
    // speed) and so a Redis of its own: the sweep goes through every tenant of its Redis.
    let now = Date.now();
    const clocked = await startTestService({ ownRedis: true, clock: () => now });
    try {
      const t = newTenantId();
      await clocked.call('POST', `/${t}/order`, makeOrder(t, { type: 'Cart', expiresAt: new Date(now + 300).toISOString() }));
      const before = value((await clocked.call('GET', '/metrics')).body, 'reservoir_orders_expired_total') ?? 0;
      now += 400;
      const sweep = defineJobs({
        ...defaultConfig().jobs,
        syncCron: '* * * * *',
        expirySweepIntervalMs: 1000,
        restoreCheckIntervalMs: 1000,
      }).find((j) => j.name === 'expire-due-orders')!;
      await sweep.run(clocked.services);
      expect(value((await clocked.call('GET', '/metrics')).body, 'reservoir_orders_expired_total')).toBe(before + 1);
    } finally {
      await clocked.close();
    }
  });

  it('includes the process metrics and the auth refusals', async () => {
    await svc.call('GET', '/1/config', undefined, { key: null });
    const text = await scrape();
    expect(text).toMatch(/^reservoir_process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^reservoir_nodejs_eventloop_lag_p99_seconds /m);
    expect(value(text, 'reservoir_auth_failures_total{reason="missing"}')).toBeGreaterThanOrEqual(1);
  });
});

describe('request ids', () => {
  /** The service on the suite's servers, with its log lines kept. */
  function loggedApp() {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const services = buildServices({
      redis: svc.redis,
      mongo: svc.mongo,
      logger: pino({ level: 'info' }, sink),
      settings: svc.services.serviceSettings,
    });
    return { app: createApp(services), services, lines };
  }

  it('is answered in X-Request-Id, kept when the caller sends a sane one', async () => {
    const res = await svc.call('GET', '/health', undefined, { headers: { 'X-Request-Id': 'trace-abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-abc-123');
    const [a, b] = [
      (await svc.call('GET', '/health')).headers.get('x-request-id'),
      (await svc.call('GET', '/health')).headers.get('x-request-id'),
    ];
    expect(a).toMatch(/^[\w-]{8}-[0-9a-z]+$/);
    expect(b).not.toBe(a);
  });

  it('is on every error log line, and is the one the caller got', async () => {
    const { app, services, lines } = loggedApp();
    const t = newTenantId();
    const headers = { Authorization: `Bearer ${ADMIN_KEY}` };
    services.orders.getOrderJson = async () => {
      throw new Error('a bug');
    };
    const crashed = await app.request(`/${t}/order/3fa85f64-5717-4562-b3fc-2c963f66afa6`, { headers });
    expect(crashed.status).toBe(500);
    expect(await crashed.json()).toEqual({
      error: { code: 'INTERNAL', message: 'internal error', requestId: crashed.headers.get('x-request-id') },
    });

    services.reservations.getStockOrigin = async () => {
      throw new StoreUnavailable('redis');
    };
    const unavailable = await app.request(`/${t}/stock-origins/A`, { headers });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('1');

    await sleep(50);
    const errors = lines.filter((l) => (l.level as number) >= 50);
    expect(errors.length).toBeGreaterThanOrEqual(3);
    for (const line of errors) expect(line.requestId, JSON.stringify(line)).toMatch(/^[\w-]{8}-[0-9a-z]+$/);
    const ids = new Set(errors.map((l) => l.requestId));
    expect(ids).toEqual(new Set([crashed.headers.get('x-request-id'), unavailable.headers.get('x-request-id')]));
    const unhandled = errors.find((l) => l.msg === 'unhandled error')!;
    expect((unhandled.err as { stack: string }).stack).toContain('a bug');
  });
});
