import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/domain/rate-limiter.js';
import { newTenantId, startTestService, type TestService } from './support/harness.js';

let svc: TestService;
/**
 * The limiter's clock, moved by the tests only: a burst is judged by the tokens it finds, not by
 * how fast this machine answers six requests (at 5 a second, a real clock refills one every 200 ms).
 */
let now = Date.now();
beforeAll(async () => {
  svc = await startTestService({ settings: { rateLimit: { perSecond: 5, burst: 5 } } });
  svc.services.rateLimiter = new RateLimiter({ perSecond: 5, burst: 5 }, () => now);
});
afterAll(() => svc.close());

const newKey = async (tenantId: number) => (await svc.call('POST', `/admin/tenants/${tenantId}/api-keys`)).body.key as string;

describe('rate limiting per API key', () => {
  it('answers 429 with Retry-After and a JSON error once a key is over its rate, then lets it go on', async () => {
    const t = newTenantId();
    const key = await newKey(t);
    for (let i = 0; i < 5; i++) expect((await svc.call('GET', `/${t}/stock-origins`, undefined, { key })).status).toBe(200);
    const limited = await svc.call('GET', `/${t}/stock-origins`, undefined, { key });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body.error).toMatchObject({
      code: 'RATE_LIMITED',
      requestId: limited.headers.get('x-request-id'),
      details: { retryAfterSeconds: 1 },
    });

    // Another key, even of the same tenant, and the admin key are not affected.
    expect((await svc.call('GET', `/${t}/stock-origins`, undefined, { key: await newKey(t) })).status).toBe(200);
    expect((await svc.call('GET', `/${t}/stock-origins`)).status).toBe(200);

    now += 250; // over one token's refill (200 ms)
    expect((await svc.call('GET', `/${t}/stock-origins`, undefined, { key })).status).toBe(200);
  });

  it('counts refused requests in /metrics', async () => {
    const t = newTenantId();
    const key = await newKey(t);
    for (let i = 0; i < 8; i++) await svc.call('GET', `/${t}/stock-origins`, undefined, { key });
    const text = (await svc.call('GET', '/metrics')).body as string;
    // 5 of the 8 fit the burst (the clock stands still); the first test's refusal counts too
    expect(Number(/^reservoir_rate_limited_total (\d+)/m.exec(text)?.[1])).toBeGreaterThanOrEqual(3);
    expect(text).toMatch(/reservoir_http_requests_total\{method="GET",route="\/:tenantId\/stock-origins",status="429"\} \d+/);
  });
});

describe('RateLimiter', () => {
  it('refills at the configured rate up to the burst', () => {
    let now = 0;
    const limiter = new RateLimiter({ perSecond: 2, burst: 3 }, () => now);
    expect([limiter.take('k'), limiter.take('k'), limiter.take('k')]).toEqual([0, 0, 0]);
    expect(limiter.take('k')).toBe(1);
    now += 500;
    expect(limiter.take('k')).toBe(0);
    expect(limiter.take('k')).toBe(1);
    now += 10_000;
    expect([limiter.take('k'), limiter.take('k'), limiter.take('k'), limiter.take('k')]).toEqual([0, 0, 0, 1]);
  });

  it('is off at 0 per second', () => {
    const limiter = new RateLimiter({ perSecond: 0, burst: 1 });
    for (let i = 0; i < 100; i++) expect(limiter.take('k')).toBe(0);
  });
});
