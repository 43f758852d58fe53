import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { routePath } from 'hono/route';
import { authenticate } from './routes/auth.js';
import type { AppEnv } from './routes/env.js';
import { errorResponse, handleError, validationFailure } from './routes/errors.js';
import { registerApiKeyRoutes } from './routes/api-keys/index.js';
import { registerDocsRoutes } from './routes/docs/index.js';
import { registerHealthRoutes } from './routes/health/index.js';
import { registerMetricsRoutes } from './routes/metrics/index.js';
import { registerOrderRoutes } from './routes/orders/index.js';
import { registerReconcileRoutes } from './routes/reconcile/index.js';
import { registerReservationRoutes } from './routes/reservations/index.js';
import { registerSyncRoutes } from './routes/sync/index.js';
import { registerTenantConfigRoutes } from './routes/tenant-config/index.js';
import type { AppOpenAPI } from './routes/types.js';
import type { Services } from './services.js';

export const OPENAPI_INFO = {
  openapi: '3.0.3',
  info: {
    title: 'Reservoir',
    version: '0.1.0',
    description:
      "Multi-tenant stock-reservation cache. Storefronts write orders and carts in progress; Reservoir keeps them in Redis with, at every write, how much of each article is reserved at each stock origin, and flushes them to MongoDB.",
  },
  security: [{ bearerAuth: [] }],
};

const TENANT_PATH = /^\/(\d{1,10})(?:\/|$)/;

/** The route pattern a request matched, also when a middleware answered it (401, 413, 429...). */
function routeLabel(c: Context): string {
  const path = routePath(c, -1);
  return path === '*' || path === '/*' || path === '' ? 'unmatched' : path;
}

/** The one place that builds the HTTP app. */
export function createApp(services: Services): AppOpenAPI {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const { message, details } = validationFailure(result.error);
      return errorResponse(c, 'VALIDATION_FAILED', message, details);
    },
  });

  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    c.set('services', services);
    c.set('log', services.logger);
    await next();
    const tenant = TENANT_PATH.exec(c.req.path);
    const elapsedMs = performance.now() - started;
    const status = c.res.status;
    const route = routeLabel(c);
    services.metrics.observeRequest(c.req.method, route, status, elapsedMs / 1000);
    // 5xx lines are errors (with the request id, like every line): an operator's search starts there.
    services.logger[status >= 500 ? 'error' : 'info'](
      {
        requestId: c.get('requestId'),
        tenantId: tenant ? Number(tenant[1]) : undefined,
        method: c.req.method,
        route,
        status,
        durationMs: Math.round(elapsedMs * 100) / 100,
      },
      'request',
    );
  });
  app.use(async (c, next) => {
    if ((c.req.method === 'POST' || c.req.method === 'PUT') && c.req.header('Content-Length') !== '0') {
      const type = c.req.header('Content-Type');
      const hasBody = type !== undefined || c.req.header('Content-Length') !== undefined || c.req.header('Transfer-Encoding') !== undefined;
      if (hasBody && !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type ?? '')) {
        return errorResponse(c, 'UNSUPPORTED_MEDIA_TYPE', 'the body must be JSON (Content-Type: application/json)');
      }
    }
    return next();
  });
  /**
   * A body with a Content-Length is judged by the header alone (Node's HTTP parser refuses a body
   * longer than it announced); only a chunked body is counted as it streams, by hono's bodyLimit,
   * which is costly on @hono/node-server (it rebuilds the request as a web stream: half the CPU
   * of an upsert, bench/RESULTS.md).
   */
  const tooLarge = (limit: number) => {
    const refuse = (c: Context<AppEnv>) => errorResponse(c, 'PAYLOAD_TOO_LARGE', `the body is over ${limit} bytes; nothing was stored`);
    const streamed = bodyLimit({ maxSize: limit, onError: refuse });
    return async (c: Context<AppEnv>, next: () => Promise<void>) => {
      const length = c.req.header('Content-Length');
      if (length !== undefined && c.req.header('Transfer-Encoding') === undefined) {
        return Number(length) > limit ? refuse(c) : next();
      }
      return streamed(c, next);
    };
  };
  const replaceLimit = tooLarge(services.serviceSettings.replaceBodyLimitBytes);
  const orderLimit = tooLarge(services.serviceSettings.orderBodyLimitBytes);
  app.on(['POST', 'PUT'], '*', async (c, next) => {
    const replace = c.req.method === 'PUT' && /^\/\d+\/orders$/.test(c.req.path);
    return (replace ? replaceLimit : orderLimit)(c, next);
  });
  // Public pages, answered before authentication: the API reference and its script.
  registerDocsRoutes(app);
  app.use(authenticate(services.serviceSettings));

  registerHealthRoutes(app);
  registerSyncRoutes(app);
  registerOrderRoutes(app);
  registerReservationRoutes(app);
  registerTenantConfigRoutes(app);
  registerApiKeyRoutes(app);
  registerReconcileRoutes(app);
  registerMetricsRoutes(app);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'ADMIN_API_KEY, or a tenant API key for that tenant only.',
  });
  app.doc('/openapi.json', OPENAPI_INFO);

  app.notFound((c) => errorResponse(c, 'ROUTE_NOT_FOUND', `no route ${c.req.method} ${c.req.path}`));
  app.onError(handleError);
  return app;
}

export function openApiDocument(app: AppOpenAPI) {
  return app.getOpenAPIDocument(OPENAPI_INFO);
}
