import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { randomBytes } from 'node:crypto';
import { matchedRoutes } from 'hono/route';
import { registerConsoleRoutes } from './console/index.js';
import { CONSOLE_FORM_LIMIT_BYTES, drainUnreadBody, jsonBodyRules, limitBodySize, requireFormBody } from './routes/body.js';
import { CONSOLE_PATH } from './routes/console-path.js';
import { ROUTE_GROUPS, routePolicies } from './routes/policy.js';
import type { AppEnv, AppServices } from './routes/env.js';
import { errorHandler, routeNotFound, validationHook } from './routes/errors.js';
import { registerApiKeyRoutes } from './routes/api-keys/index.js';
import { API_REFERENCE_SCRIPT_PATH, registerDocsRoutes } from './routes/docs/index.js';
import { registerEventRoutes } from './routes/events/index.js';
import { registerHealthRoutes } from './routes/health/index.js';
import { registerMetricsRoutes } from './routes/metrics/index.js';
import { registerOrderSearchRoutes } from './routes/order-search/index.js';
import { LARGE_BODY_ROUTES, registerOrderRoutes } from './routes/orders/index.js';
import { registerShipmentRoutes } from './routes/shipments/index.js';
import { registerTenantRoutes } from './routes/tenants/index.js';
import { registerQuotaRoutes } from './routes/quotas/index.js';
import { registerReconcileRoutes } from './routes/reconcile/index.js';
import { registerReservationRoutes } from './routes/reservations/index.js';
import { registerStockRoutes } from './routes/stock/index.js';
import { registerSyncRoutes } from './routes/sync/index.js';
import { registerWebhookRoutes } from './routes/webhooks/index.js';
import { registerTenantConfigRoutes } from './routes/tenant-config/index.js';
import { fixNullableRefs } from './routes/nullable-refs.js';
import type { AppOpenAPI } from './routes/types.js';

export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Reservoir',
    version: '0.1.0',
    description:
      'Multi-tenant stock-reservation cache. Storefronts write orders and carts in progress; Reservoir keeps them in Redis with, ' +
      'at every write, how much of each article is reserved at each stock origin, and flushes them to MongoDB.',
    license: { name: 'UNLICENSED (proprietary)', identifier: 'LicenseRef-Proprietary' },
  },
  servers: [
    {
      url: '/',
      description: 'A local instance (`npm run dev`; PORT defaults to 8080). A deployed one serves the same paths at its own origin.',
    },
  ],
  security: [{ bearerAuth: [] }],
};

/**
 * Request ids: the caller's X-Request-Id when it is sane (what hono's request-id middleware
 * accepts), else this process's random prefix and a counter: unique across replicas, and cheaper
 * than a random UUID per request.
 */
const REQUEST_ID_PREFIX = randomBytes(6).toString('base64url');
const SANE_REQUEST_ID = /^[\w\-=]{1,255}$/;
let requestCount = 0;

function requestIdOf(c: Context): string {
  const given = c.req.header('X-Request-Id');
  if (given !== undefined && SANE_REQUEST_ID.test(given)) return given;
  requestCount += 1;
  return `${REQUEST_ID_PREFIX}-${requestCount.toString(36)}`;
}

/** The paths of the middleware every request, or every request of a group, meets: no route's pattern. */
const POLICY_PATHS: ReadonlySet<string> = new Set(['*', '/*', ROUTE_GROUPS.tenant, ROUTE_GROUPS.admin]);

/**
 * The route pattern a request matched, also when a middleware answered it (401, 413, 429...): the
 * last route it matched, leaving out the middleware of the edge's policy.
 */
function routeLabel(c: Context): string {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    const route = routes[i]!;
    if (route.method !== 'ALL' || !POLICY_PATHS.has(route.path)) return route.path;
  }
  return 'unmatched';
}

/**
 * The one place that builds the HTTP app. Each route group, the edge's policy and the console get
 * the part of the services they use (their `*Services` types); none reaches the rest.
 */
export function createApp(services: AppServices): AppOpenAPI {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  const settings = services.edgeSettings;
  app.use(drainUnreadBody(settings.bodyDrain));
  // Each request: its id (also the X-Request-Id header), its metrics and its one log line.
  app.use(async (c, next) => {
    const started = performance.now();
    const id = requestIdOf(c);
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    // No answer is ever taken for another type than it says (a JSON error echoing input as HTML...).
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
    const elapsedMs = performance.now() - started;
    const status = c.res.status;
    const route = routeLabel(c);
    services.metrics.observeRequest(c.req.method, route, status, elapsedMs / 1000);
    // 5xx lines are errors (with the request id, like every line): an operator's search starts there.
    services.log[status >= 500 ? 'error' : 'info'](
      {
        requestId: c.get('requestId'),
        tenantId: c.get('tenantId'),
        method: c.req.method,
        route,
        status,
        durationMs: Math.round(elapsedMs * 100) / 100,
      },
      'request',
    );
  });

  // The ops console (HTML pages, left out of the OpenAPI document): form bodies within their
  // limit, its own sign-in and sessions (src/console/session.ts); every path under it is its own.
  app.use(`${CONSOLE_PATH}/*`, requireFormBody, limitBodySize(Math.min(settings.orderBodyLimitBytes, CONSOLE_FORM_LIMIT_BYTES)));
  registerConsoleRoutes(app, services);
  app.all(`${CONSOLE_PATH}/*`, routeNotFound);

  // The API's policy, one middleware per route group: JSON bodies within their limits (415, 413,
  // before any key is looked at), then a bearer key (401) that the group lets through (403, 429).
  // A route with a larger body limit has its own body rules, met before its group's.
  for (const route of LARGE_BODY_ROUTES)
    app.on(route.method.toUpperCase(), route.getRoutingPath(), jsonBodyRules(settings.replaceBodyLimitBytes));
  const policy = routePolicies(services, settings);
  app.use(ROUTE_GROUPS.tenant, policy.tenant);
  app.use(ROUTE_GROUPS.metrics, policy.metrics);
  app.use(ROUTE_GROUPS.admin, policy.admin);

  // Public: the probes, the document and its reference page, answered before any key is asked for.
  for (const path of [...ROUTE_GROUPS.public, API_REFERENCE_SCRIPT_PATH]) app.use(path, policy.public);
  registerHealthRoutes(app, services);
  registerDocsRoutes(app);
  // Served as written to openapi/openapi.json (nullable references fixed), built once at the first request.
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get('/openapi.json', (c) => {
    document ??= openApiDocument(app);
    return c.json(document);
  });
  for (const path of ROUTE_GROUPS.public) app.all(path, routeNotFound);

  // Every other request: let through by its group's policy, else the admin key's alone.
  app.use(policy.outsideGroups);

  registerSyncRoutes(app, services);
  registerOrderRoutes(app, services);
  registerShipmentRoutes(app, services);
  registerOrderSearchRoutes(app, services);
  registerReservationRoutes(app, services);
  registerStockRoutes(app, services);
  registerTenantRoutes(app, services);
  registerTenantConfigRoutes(app, services);
  registerApiKeyRoutes(app, services);
  registerQuotaRoutes(app, services);
  registerReconcileRoutes(app, services);
  registerMetricsRoutes(app, services);
  registerEventRoutes(app, services);
  registerWebhookRoutes(app, services);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'ADMIN_API_KEY, or a tenant API key for that tenant only.',
  });
  app.notFound(routeNotFound);
  app.onError(errorHandler(services.log));
  return app;
}

export function openApiDocument(app: AppOpenAPI) {
  return fixNullableRefs(app.getOpenAPI31Document(OPENAPI_INFO));
}
