/**
 * The ops console's sign-in is slowed per client address: after CONSOLE_SIGN_IN_ATTEMPTS_PER_MINUTE
 * failed attempts, POST /console/sign-in answers 429 with Retry-After and says so on the page,
 * without even looking at the key; successes do not count; another address is not held back.
 * Plain HTTP over real sockets: the service listens on 127.0.0.1 and each "client" connects from
 * its own loopback address (127.0.0.2, 127.0.0.3, ...), which is what the limit counts by.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startTestService, type TestService } from './support/harness.js';

/** Attempts allowed a minute: one comes back every 60/N s of the service's clock. */
const PER_MINUTE = 5;
/** The service's clock: it moves only when a test moves it, so a slow machine refills nothing. */
let now = Date.now();
const WRONG = 'rsv_not-a-key-of-anyone-at-all-000000000000';

let svc: TestService;
let server: ServerType;
let port: number;

beforeAll(async () => {
  svc = await startTestService({ clock: () => now, settings: { consoleSignInAttemptsPerMinute: PER_MINUTE } });
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

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A sign-in form posted from `from` (a loopback address of this machine), as a browser would. */
function signIn(from: string, key: string, headers: Record<string, string> = {}): Promise<Answer> {
  const body = new URLSearchParams({ key, next: '/console' }).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        localAddress: from,
        method: 'POST',
        path: '/console/sign-in',
        agent: false,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const signedIn = (answer: Answer) =>
  answer.status === 303 && (answer.headers['set-cookie'] ?? []).some((c) => c.startsWith('reservoir_console='));

describe('failed console sign-ins, limited per client address', () => {
  it(
    'answers 429 with Retry-After and a clear message after the allowed failures, even to the right key, while other addresses sign ' +
      'in',
    async () => {
      for (let i = 0; i < PER_MINUTE; i++) {
        const refused = await signIn('127.0.0.2', WRONG);
        expect(refused.status).toBe(401);
        expect(refused.body).toContain('Unknown or revoked key.');
      }
      const limited = await signIn('127.0.0.2', WRONG);
      expect(limited.status).toBe(429);
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60 / PER_MINUTE);
      expect(limited.headers['content-type']).toContain('text/html');
      expect(limited.body).toContain(
        `Too many failed sign-ins from your address (${PER_MINUTE} a minute at most): try again in ${retryAfter} s.`,
      );
      expect(limited.body).toMatch(/role="alert"/);
      // The key is not even looked at: the right one is held back too, and no session is made.
      const rightKey = await signIn('127.0.0.2', ADMIN_KEY);
      expect(rightKey.status).toBe(429);
      expect(rightKey.headers['set-cookie']).toBeUndefined();

      // Another address is not held back by those failures: the right key signs in, a wrong one is a plain 401.
      expect(signedIn(await signIn('127.0.0.3', ADMIN_KEY))).toBe(true);
      expect((await signIn('127.0.0.3', WRONG)).status).toBe(401);

      // Counted in /metrics with the API's refusals.
      const metrics = (await svc.call('GET', '/metrics')).body as string;
      expect(Number(/^reservoir_rate_limited_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
    },
  );

  it('does not count successful sign-ins, nor an empty form', async () => {
    for (let i = 0; i < PER_MINUTE * 3; i++) expect(signedIn(await signIn('127.0.0.4', ADMIN_KEY))).toBe(true);
    for (let i = 0; i < PER_MINUTE * 2; i++) expect((await signIn('127.0.0.4', '')).status).toBe(401);
    for (let i = 0; i < PER_MINUTE; i++) expect((await signIn('127.0.0.4', WRONG)).status).toBe(401);
    expect((await signIn('127.0.0.4', WRONG)).status).toBe(429);
  });

  it('lets an address try again as the minute refills it (one attempt every 60/N s)', async () => {
    for (let i = 0; i < PER_MINUTE; i++) expect((await signIn('127.0.0.5', WRONG)).status).toBe(401);
    const limited = await signIn('127.0.0.5', WRONG);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe(String(60 / PER_MINUTE));
    now += (60 / PER_MINUTE) * 1000 - 1000;
    expect((await signIn('127.0.0.5', ADMIN_KEY)).headers['retry-after']).toBe('1');
    now += 1010;
    expect(signedIn(await signIn('127.0.0.5', ADMIN_KEY))).toBe(true);
    // That success gave its attempt back: one failure may follow, then the next is held back again.
    expect((await signIn('127.0.0.5', WRONG)).status).toBe(401);
    expect((await signIn('127.0.0.5', WRONG)).status).toBe(429);
  });

  it(
    'behind a trusted proxy, counts by the address the proxy appended to X-Forwarded-For, ' + 'never by what the client wrote there',
    async () => {
      svc.services.serviceSettings.trustedProxyHops = 1;
      try {
        // Every request comes from the proxy's address (127.0.0.6); the client is the last X-Forwarded-For entry.
        for (let i = 0; i < PER_MINUTE; i++) {
          // An attacker rotating made-up entries before its real address gains nothing.
          expect((await signIn('127.0.0.6', WRONG, { 'X-Forwarded-For': `10.9.8.${i}, 203.0.113.7` })).status).toBe(401);
        }
        expect((await signIn('127.0.0.6', WRONG, { 'X-Forwarded-For': '203.0.113.7' })).status).toBe(429);
        // Another client behind the same proxy signs in.
        expect(signedIn(await signIn('127.0.0.6', ADMIN_KEY, { 'X-Forwarded-For': '198.51.100.20' }))).toBe(true);
        // A request that did not come through the proxy (no X-Forwarded-For) is counted by its own address.
        expect((await signIn('127.0.0.6', WRONG)).status).toBe(401);
      } finally {
        svc.services.serviceSettings.trustedProxyHops = 0;
      }
    },
  );
});
