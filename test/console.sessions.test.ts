/**
 * Ops-console sessions end when they should: when ADMIN_API_KEY changes (an admin session is tied
 * to the key it signed in with, as a tenant session is), when the same browser signs in again (the
 * older session does not stay alive behind the new one), and when unused for the idle timeout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionDigest } from '../src/domain/console-sessions.js';
import { consoleSessionKey } from '../src/repositories/keys.js';
import { ADMIN_KEY, eventually, startTestService, type TestService } from './support/harness.js';

const IDLE_MS = 1500;
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ settings: { consoleSessionIdleMs: IDLE_MS } });
});
afterAll(() => svc.close());

/** Signs in with `key` (sending `cookie` along, as a browser that has one would); the new session cookie. */
async function signIn(app: TestService['app'], key: string, cookie?: string): Promise<string> {
  const res = await app.request('/console/sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams({ key, next: '/console' }).toString(),
  });
  expect(res.status).toBe(303);
  const session = /reservoir_console=([^;]+)/.exec(res.headers.get('set-cookie') ?? '');
  expect(session).not.toBeNull();
  return `reservoir_console=${session![1]}`;
}

/** Whether the console lets this cookie in (200), or sends it to sign in (303 to /console/sign-in). */
async function admitted(app: TestService['app'], cookie: string): Promise<boolean> {
  const res = await app.request('/console/tenants', { headers: { Cookie: cookie } });
  if (res.status === 200) return true;
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toMatch(/^\/console\/sign-in/);
  return false;
}

describe('ops console sessions', () => {
  it('an admin session ends when ADMIN_API_KEY changes', async () => {
    const cookie = await signIn(svc.app, ADMIN_KEY);
    expect(await admitted(svc.app, cookie)).toBe(true);
    // The same data, served with a new admin key (a restart after rotating it).
    const rotated = await startTestService({ ...svc.redisTarget, settings: { adminApiKey: 'a-new-admin-key-0123456789' } });
    try {
      expect(await admitted(rotated.app, cookie)).toBe(false);
      // Ended for good: not back under the old key either.
      expect(await admitted(svc.app, cookie)).toBe(false);
    } finally {
      await rotated.close();
    }
  });

  it('signing in again ends the session the browser had', async () => {
    const first = await signIn(svc.app, ADMIN_KEY);
    const second = await signIn(svc.app, ADMIN_KEY, first);
    expect(second).not.toBe(first);
    expect(await admitted(svc.app, second)).toBe(true);
    expect(await admitted(svc.app, first)).toBe(false);
  });

  it('a session unused for the idle timeout ends', async () => {
    const cookie = await signIn(svc.app, ADMIN_KEY);
    expect(await admitted(svc.app, cookie)).toBe(true);
    // Each use keeps it the idle timeout more, never longer (not the 8 hours of its lifetime).
    const key = consoleSessionKey(sessionDigest(cookie.split('=')[1]!));
    const ttl = await svc.redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(IDLE_MS);
    // Left unused (looking would use it), it is forgotten; then the cookie lets no one in.
    await eventually(async () => expect(await svc.redis.exists(key)).toBe(0), 10_000, 100);
    expect(await admitted(svc.app, cookie)).toBe(false);
  });
});
