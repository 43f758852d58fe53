import { timingSafeEqual } from 'node:crypto';
import { hashApiKey, sameDigest } from '../domain/api-keys.js';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  looksLikeConsoleSecret,
  newConsoleSecret,
  sessionTtlMs,
  type ConsoleIdentity,
  type ConsoleSession,
} from '../domain/console-sessions.js';
import { CONSOLE_BASE, type ConsoleEnv, type Flash } from './env.js';

/**
 * The console's sign-in: the key is exchanged for a random session id in an HttpOnly,
 * SameSite=Strict cookie scoped to /console; the session (who, its CSRF token, its expiry) is kept
 * server-side (ConsoleSessionStore, in Redis). Every state-changing request is checked twice:
 * it must come from this origin (Sec-Fetch-Site / Origin), and carry the session's CSRF token.
 */
export const SESSION_COOKIE = 'reservoir_console';
const FLASH_COOKIE = 'reservoir_console_flash';

const isHttps = (c: Context) => new URL(c.req.url).protocol === 'https:' || c.req.header('X-Forwarded-Proto') === 'https';

function cookieOptions(c: Context, maxAgeSeconds?: number) {
  return {
    path: CONSOLE_BASE,
    httpOnly: true,
    sameSite: 'Strict' as const,
    secure: isHttps(c),
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

/**
 * Whether a request was sent by a page of another site: browsers say so in Sec-Fetch-Site, and in
 * Origin on every POST. A request with neither (curl, a script) is judged by its CSRF token alone.
 */
export function isCrossSite(c: Context): boolean {
  const site = c.req.header('Sec-Fetch-Site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = c.req.header('Origin');
  if (origin === undefined) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true;
  }
  const hosts = [c.req.header('Host'), c.req.header('X-Forwarded-Host'), new URL(c.req.url).host];
  return !hosts.includes(host);
}

const isUnsafe = (method: string) => method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The CSRF token a request carries: htmx sends it as a header, a plain form as a field. */
async function csrfTokenOf(c: Context): Promise<string | undefined> {
  const header = c.req.header('X-CSRF-Token');
  if (header) return header;
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/x-www-form-urlencoded|^multipart\/form-data/i.test(type)) return undefined;
  const body = await c.req.parseBody();
  const field = body._csrf;
  return typeof field === 'string' ? field : undefined;
}

/** Refuses a state-changing request sent by another site (before its session is even looked at). */
export const refuseCrossSite: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  if (isUnsafe(c.req.method) && isCrossSite(c)) return c.text('Forbidden: a request from another site was refused.', 403);
  return next();
};

/**
 * Starts a session for who signed in (ending the one this browser had: a sign-in never leaves an
 * older session alive behind it); answers its cookie.
 */
export async function startSession(c: Context<ConsoleEnv>, identity: ConsoleIdentity, keyDigest: string): Promise<void> {
  const services = c.get('services');
  const previous = getCookie(c, SESSION_COOKIE);
  if (looksLikeConsoleSecret(previous)) await services.consoleSessions.delete(previous);
  const ttlMs = services.edgeSettings.consoleSessionTtlMs;
  const idleMs = services.edgeSettings.consoleSessionIdleMs;
  const now = Date.now();
  const id = newConsoleSecret();
  const session: ConsoleSession = {
    identity,
    csrfToken: newConsoleSecret(),
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + ttlMs).toISOString(),
    keyDigest,
  };
  await services.consoleSessions.create(id, session, Math.min(ttlMs, idleMs));
  setCookie(c, SESSION_COOKIE, id, cookieOptions(c, Math.floor(ttlMs / 1000)));
}

export async function endSession(c: Context<ConsoleEnv>): Promise<void> {
  const id = getCookie(c, SESSION_COOKIE);
  if (looksLikeConsoleSecret(id)) await c.get('services').consoleSessions.delete(id);
  deleteCookie(c, SESSION_COOKIE, { path: CONSOLE_BASE });
}

/** The session, or null; a tenant session whose key was revoked meanwhile is ended. */
async function loadSession(c: Context<ConsoleEnv>): Promise<{ id: string; session: ConsoleSession } | null> {
  const id = getCookie(c, SESSION_COOKIE);
  if (!looksLikeConsoleSecret(id)) return null;
  const services = c.get('services');
  const session = await services.consoleSessions.get(id);
  if (!session || Date.parse(session.expiresAt) <= Date.now()) return null;
  const { identity } = session;
  if (identity.kind === 'admin') {
    // Signed in with the ADMIN_API_KEY of then: a changed key ends every admin session.
    const current = hashApiKey(services.edgeSettings.adminApiKey);
    if (!session.keyDigest || !sameDigest(session.keyDigest, current)) {
      await services.consoleSessions.delete(id);
      return null;
    }
  } else {
    // Each request: the key still valid (ApiKeys answers from memory; a revocation reaches every
    // replica at once), else the session ends with it.
    const holder = session.keyDigest ? await services.apiKeys.holderOf(session.keyDigest) : null;
    if (!holder || holder.keyId !== identity.keyId || holder.tenantId !== identity.tenantId) {
      await services.consoleSessions.delete(id);
      return null;
    }
  }
  // Used now: kept for its idle timeout more (never past its end).
  const idleMs = services.edgeSettings.consoleSessionIdleMs;
  await services.consoleSessions.touch(id, sessionTtlMs(session, idleMs, Date.now()));
  return { id, session };
}

/**
 * Every console page but sign-in and the assets: a GET without a session goes to the sign-in page;
 * a POST without one, or without the session's CSRF token, is refused (403) and changes nothing.
 */
export const requireSession: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  const found = await loadSession(c);
  if (!found) {
    if (!isUnsafe(c.req.method)) {
      const next = encodeURIComponent(c.req.path + new URL(c.req.url).search);
      return c.redirect(`${CONSOLE_BASE}/sign-in?next=${next}`, 303);
    }
    deleteCookie(c, SESSION_COOKIE, { path: CONSOLE_BASE });
    return c.text('Forbidden: no console session (it ended or expired): sign in again.', 403);
  }
  if (isUnsafe(c.req.method)) {
    const token = await csrfTokenOf(c);
    if (token === undefined || !sameSecret(token, found.session.csrfToken)) {
      return c.text('Forbidden: the form did not carry this session’s CSRF token. Reload the page and try again.', 403);
    }
  }
  c.set('session', found.session);
  c.set('sessionId', found.id);
  c.set('flash', takeFlash(c));
  c.header('Cache-Control', 'no-store');
  return next();
};

/** Says what an action did on the page the operator is sent to next (a short-lived cookie). */
export function setFlash(c: Context<ConsoleEnv>, flash: Flash): void {
  setCookie(c, FLASH_COOKIE, Buffer.from(JSON.stringify(flash)).toString('base64url'), cookieOptions(c, 60));
}

function takeFlash(c: Context<ConsoleEnv>): Flash | null {
  const raw = getCookie(c, FLASH_COOKIE);
  if (raw === undefined) return null;
  deleteCookie(c, FLASH_COOKIE, { path: CONSOLE_BASE });
  try {
    const flash = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Flash;
    return (flash.kind === 'ok' || flash.kind === 'error') && typeof flash.text === 'string'
      ? { kind: flash.kind, text: flash.text.slice(0, 2000) }
      : null;
  } catch {
    return null;
  }
}

/** A path inside the console to go back to (never elsewhere: no open redirect). */
export function consolePathOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.startsWith(`${CONSOLE_BASE}/`) && !value.startsWith('//') && !/[\\\r\n]/.test(value)
    ? value
    : fallback;
}
