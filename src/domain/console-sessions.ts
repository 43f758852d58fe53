import { createHash, randomBytes } from 'node:crypto';

/**
 * A sign-in to the ops console: the key given at sign-in is exchanged for a random session id
 * (the cookie) and never kept. The session remembers who signed in and the token every
 * state-changing form must carry back (CSRF).
 */
export type ConsoleIdentity = { kind: 'admin' } | { kind: 'tenant'; tenantId: number; keyId: string };

export interface ConsoleSession {
  identity: ConsoleIdentity;
  /** The anti-CSRF token of this session: a hidden field of every form, an X-CSRF-Token header of htmx requests. */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  /**
   * The key signed in with, as its SHA-256 digest: revoking a tenant's key, or changing
   * ADMIN_API_KEY, ends the session.
   */
  keyDigest?: string;
}

/** Where sessions live; the store expires each at its `expiresAt`. */
export interface ConsoleSessionStore {
  create(id: string, session: ConsoleSession, ttlMs: number): Promise<void>;
  get(id: string): Promise<ConsoleSession | null>;
  delete(id: string): Promise<void>;
  /** Keeps the session `ttlMs` more (its idle timeout, never past its `expiresAt`). */
  touch(id: string, ttlMs: number): Promise<void>;
}

/** How long a session is kept from `now`: its idle timeout, never past its end. */
export function sessionTtlMs(session: Pick<ConsoleSession, 'expiresAt'>, idleMs: number, now: number): number {
  return Math.min(idleMs, Date.parse(session.expiresAt) - now);
}

/** 256 random bits, URL-safe: a session id or a CSRF token. */
export function newConsoleSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the store keys a session by: the id's digest, so a copy of Redis holds no usable cookie. */
export function sessionDigest(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

const SECRET = /^[A-Za-z0-9_-]{43}$/;
export const looksLikeConsoleSecret = (value: string | undefined): value is string => value !== undefined && SECRET.test(value);
