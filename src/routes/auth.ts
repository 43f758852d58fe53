import type { MiddlewareHandler } from 'hono';
import { hashApiKey, looksLikeApiKey, sameDigest } from '../domain/api-keys.js';
import { clientAddressOf } from './client-address.js';
import { isConsolePath } from './console-path.js';
import { errorResponse } from './errors.js';
import type { AppEnv, Principal } from './env.js';

const PUBLIC_PATHS = new Set(['/health', '/ready', '/openapi.json', '/docs']);
/** Scrapers may use METRICS_API_KEY there instead of the admin key. */
const METRICS_PATH = '/metrics';
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
 * Every route but the public ones and the console's needs `Authorization: Bearer <key>`: no key or an unknown one
 * is 401; a key that may not act on the tenant or route is 403; a tenant key over its rate is 429.
 *
 * The admin key is compared in constant time, as SHA-256 digests (so its length leaks nothing).
 * A tenant key is looked up by its SHA-256 (ApiKeys: memory, then Redis, then MongoDB); the
 * secret itself is never compared nor kept.
 */
export function authenticate(settings: {
  adminApiKey: string;
  metricsApiKey?: string;
  trustedProxyHops?: number;
}): MiddlewareHandler<AppEnv> {
  const adminDigest = hashApiKey(settings.adminApiKey);
  const metricsDigest = settings.metricsApiKey ? hashApiKey(settings.metricsApiKey) : null;
  return async (c, next) => {
    const path = c.req.path;
    if (PUBLIC_PATHS.has(path)) return next();
    // The ops console signs its operators in with its own session (src/console/session.ts).
    if (isConsolePath(path)) return next();
    const services = c.get('services');
    const token = bearerToken(c.req.header('Authorization'));
    if (!token) {
      services.metrics.authFailures.inc({ reason: 'missing' });
      c.header('WWW-Authenticate', 'Bearer');
      return errorResponse(c, 'UNAUTHORIZED', 'missing bearer API key (Authorization: Bearer <key>)');
    }
    // One SHA-256 per request: compared with the admin (and metrics) key's, then looked up.
    const tokenDigest = hashApiKey(token);
    let principal: Principal | null = null;
    if (sameDigest(tokenDigest, adminDigest)) principal = { kind: 'admin' };
    else if (metricsDigest && sameDigest(tokenDigest, metricsDigest)) {
      if (path === METRICS_PATH) return next();
      services.metrics.authFailures.inc({ reason: 'forbidden' });
      return errorResponse(c, 'FORBIDDEN', 'the metrics key reaches GET /metrics only');
    } else {
      // Guessing keys is slowed per client address, as the console's sign-in is: each attempt takes
      // a token before the key is looked up (parallel guesses cannot all slip through), a key that
      // is right gives it back, so only failures count. Without a socket (in-process) there is no
      // address to count by.
      const address = clientAddressOf(c, settings.trustedProxyHops);
      const limiter = address === 'unknown' ? null : services.authFailureLimiter;
      const retryAfter = limiter?.take(address) ?? 0;
      if (retryAfter > 0) {
        services.metrics.rateLimited.inc();
        c.header('Retry-After', String(retryAfter));
        return errorResponse(c, 'RATE_LIMITED', `too many failed authentications from this address; retry in ${retryAfter} s`, {
          retryAfterSeconds: retryAfter,
        });
      }
      // A token that is no API key's shape is unknown without asking Redis or MongoDB.
      if (looksLikeApiKey(token)) {
        let holder: Awaited<ReturnType<typeof services.apiKeys.verify>>;
        try {
          holder = await services.apiKeys.verify(token, tokenDigest);
        } catch (error) {
          limiter?.refund(address); // a store outage is no failed guess
          throw error;
        }
        if (holder) {
          limiter?.refund(address);
          principal = { kind: 'tenant', tenantId: holder.tenantId, keyId: holder.keyId };
        }
      }
    }
    if (!principal) {
      services.metrics.authFailures.inc({ reason: 'unknown' });
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      return errorResponse(c, 'UNAUTHORIZED', 'unknown or revoked API key');
    }
    if (!mayAccess(principal, path)) {
      services.metrics.authFailures.inc({ reason: 'forbidden' });
      return errorResponse(c, 'FORBIDDEN', 'this key may not act on this tenant or route');
    }
    if (principal.kind === 'tenant') {
      const retryAfter = services.rateLimiter.take(principal.keyId);
      if (retryAfter > 0) {
        services.metrics.rateLimited.inc();
        c.header('Retry-After', String(retryAfter));
        return errorResponse(c, 'RATE_LIMITED', `over the rate limit of this API key; retry in ${retryAfter} s`, {
          retryAfterSeconds: retryAfter,
        });
      }
    }
    c.set('principal', principal);
    return next();
  };
}
