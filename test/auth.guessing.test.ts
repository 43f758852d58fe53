/**
 * Guessing API keys costs the guesser: failed bearer authentications are throttled per client
 * address (429 with Retry-After once AUTH_FAILURES_PER_MINUTE is spent, counted like the console's
 * sign-ins, behind TRUSTED_PROXY_HOPS proxies by X-Forwarded-For), another address is not held
 * back, a right key gives its token back, and a token that is not an API key's shape is refused.
 * Spoken to over HTTP (a real socket: the client address is the TCP peer's).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrder, newTenantId, startTestService, type TestService } from './support/harness.js';

const PER_MINUTE = 5;
let svc: TestService;
let server: ServerType;
let port: number;

beforeAll(async () => {
  svc = await startTestService({ settings: { authFailuresPerMinute: PER_MINUTE, trustedProxyHops: 1 } });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: svc.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  (server as http.Server | undefined)?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await svc?.close();
});

/** GET `path` with `key`, as the client at `forwardedFor` behind one proxy. */
function get(path: string, key: string, forwardedFor: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, agent: false, headers: { Authorization: `Bearer ${key}`, 'X-Forwarded-For': forwardedFor } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const randomKey = () => `rsv_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')}`;

describe('failed bearer authentications', () => {
  it('are throttled per client address: 429 with Retry-After, the others keep answering', async () => {
    const t = newTenantId();
    const created = await svc.call('POST', `/admin/tenants/${t}/api-keys`);
    expect(created.status).toBe(201);
    const good: string = created.body.key;
    const order = makeOrder(t);
    expect((await svc.call('POST', `/${t}/order`, order)).body).toBe(true);

    // A right key from the guesser's address gives its token back: it never counts.
    for (let i = 0; i < PER_MINUTE * 2; i++) expect((await get(`/${t}/order/${order.orderId}`, good, '203.0.113.7')).status).toBe(200);
    for (let i = 0; i < PER_MINUTE; i++) {
      const refused = await get(`/${t}/order/${order.orderId}`, randomKey(), '203.0.113.7');
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('UNAUTHORIZED');
    }
    const throttled = await get(`/${t}/order/${order.orderId}`, randomKey(), '203.0.113.7');
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('RATE_LIMITED');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Held back before any lookup: even the right key waits, from that address only.
    expect((await get(`/${t}/order/${order.orderId}`, good, '203.0.113.7')).status).toBe(429);
    const elsewhere = await get(`/${t}/order/${order.orderId}`, good, '198.51.100.9');
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body).toEqual(order);
    // What a client writes in X-Forwarded-For itself is not believed: the proxy's last entry counts.
    expect((await get(`/${t}/order/${order.orderId}`, randomKey(), '198.51.100.10, 203.0.113.7')).status).toBe(429);
  });

  it('a token that is no API key is refused at once (401), and counts as a failure', async () => {
    const t = newTenantId();
    for (const token of ['rsv_short', `rsv_${'x'.repeat(44)}`, 'not-a-key', `${'a'.repeat(4000)}`]) {
      const res = await get(`/${t}/order/${makeOrder(t).orderId}`, token, '192.0.2.44');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHORIZED');
    }
    expect((await get(`/${t}/order/${makeOrder(t).orderId}`, 'rsv_short', '192.0.2.44')).status).toBe(401);
    expect((await get(`/${t}/order/${makeOrder(t).orderId}`, 'rsv_short', '192.0.2.44')).status).toBe(429);
  });
});
