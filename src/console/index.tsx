/** @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import { hashApiKey, sameDigest } from '../domain/api-keys.js';
import type { ConsoleIdentity } from '../domain/console-sessions.js';
import { clientAddressOf } from '../routes/client-address.js';
import type { AppOpenAPI } from '../routes/types.js';
import { adminOnly, formOf, tenantAccess } from './actions.js';
import { registerConsoleAssets } from './assets.js';
import { CONSOLE_BASE, type ConsoleEnv, type ConsoleServices, homeOf } from './env.js';
import { renderSignIn } from './layout.js';
import { activityPage, activityStream } from './pages/activity.js';
import { stockPage } from './pages/stock.js';
import { createKey, keysPage, revokeKey } from './pages/api-keys.js';
import { orderPage, ordersPage } from './pages/orders.js';
import { overviewPage, setCapacity } from './pages/overview.js';
import { runSelfCheck, selfCheckPage } from './pages/self-check.js';
import { restoreTenant, runSync, saveConfig, syncPage } from './pages/sync.js';
import { setSyncFlag, tenantsPage } from './pages/tenants.js';
import {
  createEndpoint,
  deleteEndpoint,
  retryDelivery,
  retryFailedDeliveries,
  setEndpointStatus,
  testEndpoint,
  webhooksPage,
} from './pages/webhooks.js';
import { consolePathOr, endSession, refuseCrossSite, requireSession, startSession } from './session.js';

/** Who a key is: the admin key (compared as digests, in constant time), or a tenant's API key. */
async function identify(c: Context<ConsoleEnv>, key: string): Promise<{ identity: ConsoleIdentity; digest: string } | null> {
  const services = c.get('services');
  const digest = hashApiKey(key);
  if (sameDigest(digest, hashApiKey(services.edgeSettings.adminApiKey))) return { identity: { kind: 'admin' }, digest };
  const holder = await services.apiKeys.verify(key, digest);
  return holder ? { identity: { kind: 'tenant', tenantId: holder.tenantId, keyId: holder.keyId }, digest } : null;
}

/**
 * The ops console at /console: server-rendered pages (hono/jsx) made lively by htmx, calling the
 * same domain services as the API. Not part of the OpenAPI document (HTML, not API).
 */
export function registerConsoleRoutes(app: AppOpenAPI, services: ConsoleServices) {
  const web = new Hono<ConsoleEnv>();
  web.use(async (c, next) => {
    c.set('services', services);
    await next();
  });
  web.use(refuseCrossSite);
  registerConsoleAssets(web);

  web.get('/sign-in', (c) => renderSignIn(c, { next: consolePathOr(c.req.query('next'), CONSOLE_BASE) }));
  web.post('/sign-in', async (c) => {
    const form = await formOf(c);
    const next = consolePathOr(form.next, CONSOLE_BASE);
    const key = (form.key ?? '').trim();
    const { metrics, signInLimiter, edgeSettings } = c.get('services');
    if (!key) {
      metrics.authFailures.inc({ reason: 'missing' });
      return renderSignIn(c, { next, error: 'Enter an API key.', status: 401 });
    }
    // Guessing keys is slowed per client address: each attempt takes a token before the key is
    // looked at (so that parallel guesses cannot all slip through), and a success gives it back,
    // so only failures count, and only the address that failed is held back.
    const address = clientAddressOf(c, edgeSettings.trustedProxyHops);
    const retryAfter = signInLimiter.take(address);
    if (retryAfter > 0) {
      metrics.rateLimited.inc();
      c.header('Retry-After', String(retryAfter));
      return renderSignIn(c, {
        next,
        error:
          `Too many failed sign-ins from your address ` +
          `(${edgeSettings.consoleSignInAttemptsPerMinute} a ` +
          `minute at most): try again in ${retryAfter} s.`,
        status: 429,
      });
    }
    let found: Awaited<ReturnType<typeof identify>>;
    try {
      found = await identify(c, key);
    } catch (error) {
      signInLimiter.refund(address); // a store outage is no failed guess
      throw error;
    }
    if (!found) {
      metrics.authFailures.inc({ reason: 'unknown' });
      return renderSignIn(c, { next, error: 'Unknown or revoked key.', status: 401 });
    }
    signInLimiter.refund(address);
    await startSession(c, found.identity, found.digest);
    return c.redirect(next === CONSOLE_BASE ? homeOf(found.identity) : next, 303);
  });

  web.use(requireSession);
  web.post('/sign-out', async (c) => {
    await endSession(c);
    return c.redirect(`${CONSOLE_BASE}/sign-in`, 303);
  });
  web.get('/', (c) => c.redirect(homeOf(c.get('session').identity), 303));
  web.get('/tenants', adminOnly, tenantsPage);

  const tenant = new Hono<ConsoleEnv>();
  tenant.get('/', overviewPage);
  tenant.post('/sync-flag', setSyncFlag);
  tenant.post('/origins/:code/capacity', setCapacity);
  tenant.get('/orders', ordersPage);
  tenant.get('/orders/:orderId', orderPage);
  tenant.get('/stock', stockPage);
  tenant.get('/activity', activityPage);
  tenant.get('/activity/stream', activityStream);
  tenant.get('/sync', syncPage);
  tenant.post('/sync/run', adminOnly, runSync);
  tenant.post('/sync/restore', adminOnly, restoreTenant);
  tenant.post('/config', saveConfig);
  tenant.get('/self-check', adminOnly, selfCheckPage);
  tenant.post('/self-check', adminOnly, runSelfCheck);
  tenant.get('/webhooks', webhooksPage);
  tenant.post('/webhooks', createEndpoint);
  tenant.post('/webhooks/:endpointId/delete', deleteEndpoint);
  tenant.post('/webhooks/:endpointId/status', setEndpointStatus);
  tenant.post('/webhooks/:endpointId/deliveries/:deliveryId/retry', retryDelivery);
  tenant.post('/webhooks/:endpointId/deliveries/retry', retryFailedDeliveries);
  tenant.post('/webhooks/:endpointId/test', testEndpoint);
  tenant.get('/keys', adminOnly, keysPage);
  tenant.post('/keys', adminOnly, createKey);
  tenant.post('/keys/:keyId/revoke', adminOnly, revokeKey);
  web.use('/tenants/:tenantId', tenantAccess);
  web.use('/tenants/:tenantId/*', tenantAccess);
  web.route('/tenants/:tenantId', tenant);

  app.route(CONSOLE_BASE, web as never);
}
