import type { MiddlewareHandler } from 'hono';
import { hashApiKey, looksLikeApiKey, sameDigest } from '../domain/api-keys.js';
import { clientAddressOf } from './client-address.js';
import { errorResponse } from './errors.js';
import type { AppEnv, Principal } from './env.js';

function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match ? match[1]! : null;
}

/**
 * Who is calling, for every route registered after it (app.ts: all but the public ones and the
 * console's): `Authorization: Bearer <key>`, no key or an unknown one is 401. What the key may do
 * is each route group's to say (`allow`, below).
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
    else if (metricsDigest && sameDigest(tokenDigest, metricsDigest)) principal = { kind: 'metrics' };
    else {
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
    c.set('principal', principal);
    return next();
  };
}

/** The route groups whose routes a key other than the admin's may reach. */
export type RouteGroup = 'tenant' | 'metrics';

/**
 * A route group's access rule, attached to the group in app.ts: the admin key reaches every
 * group; the metrics key the `metrics` group; a tenant's key the `tenant` group on its own tenant
 * (the path's, see `tenantScope`), within its rate. Any other key is 403. Routes of no group
 * (`'admin'`) are the admin key's alone.
 */
export function allow(group: RouteGroup | 'admin'): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    const services = c.get('services');
    c.set('allowed', true);
    if (principal.kind === 'admin') return next();
    if (group === 'metrics' && principal.kind === 'metrics') return next();
    if (group === 'tenant' && principal.kind === 'tenant' && principal.tenantId === c.get('tenantId')) {
      const retryAfter = services.rateLimiter.take(principal.keyId);
      if (retryAfter > 0) {
        services.metrics.rateLimited.inc();
        c.header('Retry-After', String(retryAfter));
        return errorResponse(c, 'RATE_LIMITED', `over the rate limit of this API key; retry in ${retryAfter} s`, {
          retryAfterSeconds: retryAfter,
        });
      }
      return next();
    }
    services.metrics.authFailures.inc({ reason: 'forbidden' });
    if (principal.kind === 'metrics') return errorResponse(c, 'FORBIDDEN', 'the metrics key reaches GET /metrics only');
    return errorResponse(c, 'FORBIDDEN', 'this key may not act on this tenant or route');
  };
}

/** Routes outside every group (and unknown paths) are the admin key's alone: the last guard. */
export const adminOutsideGroups: MiddlewareHandler<AppEnv> = async (c, next) => (c.get('allowed') ? next() : allow('admin')(c, next));
