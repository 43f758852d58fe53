import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { errorResponse } from './errors.js';
import type { AppEnv, Principal } from './env.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time comparison of two secrets of any length. */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

const PUBLIC_PATHS = new Set(['/health', '/ready', '/openapi.json', '/docs', '/metrics']);
const TENANT_PATH = /^\/(\d{1,10})(?:\/|$)/;

function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match ? match[1]! : null;
}

/** Whether the principal may act on this path: admins everywhere, tenant keys on their tenant only. */
export function mayAccess(principal: Principal, path: string): boolean {
  if (principal.kind === 'admin') return true;
  const tenant = TENANT_PATH.exec(path);
  return tenant !== null && Number(tenant[1]) === principal.tenantId;
}

/**
 * Every route but the public ones needs `Authorization: Bearer <key>`: no key or an unknown one
 * is 401; a key that may not act on the tenant or route is 403.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (PUBLIC_PATHS.has(c.req.path)) return next();
    const token = bearerToken(c.req.header('Authorization'));
    if (!token) {
      c.header('WWW-Authenticate', 'Bearer');
      return errorResponse(c, 'UNAUTHORIZED', 'missing bearer API key (Authorization: Bearer <key>)');
    }
    const services = c.get('services');
    const principal: Principal | null = secretsEqual(token, services.serviceSettings.adminApiKey) ? { kind: 'admin' } : null;
    if (!principal) {
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      return errorResponse(c, 'UNAUTHORIZED', 'unknown API key');
    }
    if (!mayAccess(principal, c.req.path)) return errorResponse(c, 'FORBIDDEN', 'this key may not act on this tenant or route');
    c.set('principal', principal);
    return next();
  };
}
