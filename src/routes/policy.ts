import type { MiddlewareHandler } from 'hono';
import { TENANT_ID_DIGITS } from '../schemas/common.js';
import type { AppEnv } from './env.js';

/**
 * The route groups, by the path their routes share: app.ts attaches to each what it requires
 * (body rules, authentication, access, tenancy), so a route added under a group's path has its
 * group's policy, and a route outside every group is the admin key's alone.
 */
export const ROUTE_GROUPS = {
  /** Answered with no key asked for (a method they do not serve: 404). */
  public: ['/health', '/ready', '/openapi.json', '/docs'],
  /** `/{tenantId}/...`: the tenant's routes, for the admin key and the tenant's own keys. */
  tenant: `/:tenantId{${TENANT_ID_DIGITS}}/*`,
  /** `/admin/...`: the operator's routes, for the admin key. */
  admin: '/admin/*',
  /** GET /metrics: also for METRICS_API_KEY. */
  metrics: '/metrics',
} as const;

/** The tenant group's tenant, from its path, for every step after (access, the log line). */
export const tenantScope: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('tenantId', Number(c.req.param('tenantId')));
  return next();
};
