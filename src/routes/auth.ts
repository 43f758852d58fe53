import type { Context } from 'hono';
import { hashApiKey, looksLikeApiKey, sameDigest } from '../domain/api-keys.js';
import { clientAddressOf } from './client-address.js';
import { errorResponse } from './errors.js';
import type { AppEnv, AppServices, EdgeSettings, Principal } from './env.js';

function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match ? match[1]! : null;
}

function known(c: Context<AppEnv>, principal: Principal): undefined {
  c.set('principal', principal);
  return undefined;
}

/** What authentication and the groups' access rules use of the services. */
export type AuthServices = Pick<AppServices, 'apiKeys' | 'metrics' | 'authFailureLimiter' | 'rateLimiter'>;

/** What a request's key is judged against: the admin's and the metrics scraper's keys, and the proxies to believe. */
export type AuthSettings = Pick<EdgeSettings, 'adminApiKey' | 'metricsApiKey' | 'trustedProxyHops'>;

/**
 * Who is calling (a route group's policy asks it: routes/policy.ts): `Authorization: Bearer <key>`,
 * set as the request's `principal`; no key or an unknown one is refused (401), and so is a client
 * address past its failed authentications (429). What the key may do is each route group's to say (`accessRefusal`).
 *
 * The admin key is compared in constant time, as SHA-256 digests (so its length leaks nothing).
 * A tenant key is looked up by its SHA-256 (ApiKeys: memory, then Redis, then MongoDB); the
 * secret itself is never compared nor kept.
 */
export function authenticator(services: AuthServices, settings: AuthSettings): (c: Context<AppEnv>) => Promise<Response | undefined> {
  const adminDigest = hashApiKey(settings.adminApiKey);
  const metricsDigest = settings.metricsApiKey ? hashApiKey(settings.metricsApiKey) : null;
  return async (c) => {
    const token = bearerToken(c.req.header('Authorization'));
    if (!token) {
      services.metrics.authFailures.inc({ reason: 'missing' });
      c.header('WWW-Authenticate', 'Bearer');
      return errorResponse(c, 'UNAUTHORIZED', 'missing bearer API key (Authorization: Bearer <key>)');
    }
    // One SHA-256 per request: compared with the admin (and metrics) key's, then looked up.
    const tokenDigest = hashApiKey(token);
    if (sameDigest(tokenDigest, adminDigest)) return known(c, { kind: 'admin' });
    if (metricsDigest && sameDigest(tokenDigest, metricsDigest)) return known(c, { kind: 'metrics' });
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
        return known(c, { kind: 'tenant', tenantId: holder.tenantId, keyId: holder.keyId });
      }
    }
    services.metrics.authFailures.inc({ reason: 'unknown' });
    c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
    return errorResponse(c, 'UNAUTHORIZED', 'unknown or revoked API key');
  };
}

/** The route groups whose routes a key other than the admin's may reach. */
export type RouteGroup = 'tenant' | 'metrics';

/**
 * A route group's access rule, asked by the group's policy (routes/policy.ts) once the key is
 * known: the admin key reaches every group; the metrics key the `metrics` group; a tenant's key
 * the `tenant` group on its own tenant (`tenantId`, the path's), within its rate (429). Any other
 * key is refused (403). Routes of no group (`'admin'`) are the admin key's alone. Undefined: let
 * through.
 */
export function accessRefusal(
  c: Context<AppEnv>,
  services: AuthServices,
  group: RouteGroup | 'admin',
  principal: Principal,
  tenantId?: number,
): Response | undefined {
  if (principal.kind === 'admin') return undefined;
  if (group === 'metrics' && principal.kind === 'metrics') return undefined;
  if (group === 'tenant' && principal.kind === 'tenant' && principal.tenantId === tenantId) {
    const retryAfter = services.rateLimiter.take(principal.keyId);
    if (retryAfter <= 0) return undefined;
    services.metrics.rateLimited.inc();
    c.header('Retry-After', String(retryAfter));
    return errorResponse(c, 'RATE_LIMITED', `over the rate limit of this API key; retry in ${retryAfter} s`, {
      retryAfterSeconds: retryAfter,
    });
  }
  services.metrics.authFailures.inc({ reason: 'forbidden' });
  if (principal.kind === 'metrics') return errorResponse(c, 'FORBIDDEN', 'the metrics key reaches GET /metrics only');
  return errorResponse(c, 'FORBIDDEN', 'this key may not act on this tenant or route');
}
