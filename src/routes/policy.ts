import type { Context, MiddlewareHandler, Next } from 'hono';
import { TENANT_ID_DIGITS } from '../schemas/common.js';
import { accessRefusal, type AuthServices, authenticator, type RouteGroup } from './auth.js';
import { jsonBodyRules } from './body.js';
import type { AppEnv, EdgeSettings } from './env.js';

/**
 * The route groups, by the path their routes share: app.ts attaches to each its policy (below), so
 * a route added under a group's path has its group's policy, and a route outside every group is
 * the admin key's alone.
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

/** What the groups' policies use of the services. */
export type PolicyServices = AuthServices;

/** What the groups' policies read of the edge's settings: the keys and the API's body limit. */
export type PolicySettings = Pick<EdgeSettings, 'adminApiKey' | 'metricsApiKey' | 'trustedProxyHops' | 'orderBodyLimitBytes'>;

export interface RoutePolicies {
  /** The public routes': their bodies' rules only (415, 413); no key is asked for. */
  public: MiddlewareHandler<AppEnv>;
  /** `/{tenantId}/...`: the path's tenant, then the body rules (415, 413), the key (401), the tenant's access (403, 429). */
  tenant: MiddlewareHandler<AppEnv>;
  /** `/admin/...`: the body rules, the key, the admin key alone (403). */
  admin: MiddlewareHandler<AppEnv>;
  /** GET /metrics: the body rules, the key, the admin or the metrics key (403). */
  metrics: MiddlewareHandler<AppEnv>;
  /**
   * Every request after the groups' policies: one a group let through goes on; any other (a route
   * outside every group, an unknown path) meets the body rules, the key, and is the admin key's alone.
   */
  outsideGroups: MiddlewareHandler<AppEnv>;
}

/**
 * Each route group's policy as one middleware, so that a request passes through one: its body
 * rules, its key, its access rule, in the order the refusals are given (415, 413, 401, 403, 429).
 * Services are read at each request (a test may swap one, such as the rate limiter).
 */
export function routePolicies(services: PolicyServices, settings: PolicySettings): RoutePolicies {
  const bodyRules = jsonBodyRules(settings.orderBodyLimitBytes);
  const authenticate = authenticator(services, settings);

  /** The key, then the group's access rule; `next` once both let the request through. */
  const guard = async (c: Context<AppEnv>, next: Next, group: RouteGroup | 'admin', tenantId?: number) => {
    const refused = (await authenticate(c)) ?? accessRefusal(c, services, group, c.get('principal'), tenantId);
    if (refused) return refused;
    c.set('allowed', true);
    return next();
  };
  const groupPolicy =
    (group: 'admin' | 'metrics'): MiddlewareHandler<AppEnv> =>
    (c, next) =>
      bodyRules(c, () => guard(c, next, group));

  return {
    public: bodyRules,
    tenant: (c, next) => {
      // The path's tenant, known to every step after (access, the handler's log line).
      const tenantId = Number(c.req.param('tenantId'));
      c.set('tenantId', tenantId);
      return bodyRules(c, () => guard(c, next, 'tenant', tenantId));
    },
    admin: groupPolicy('admin'),
    metrics: groupPolicy('metrics'),
    outsideGroups: (c, next) => (c.get('allowed') ? next() : bodyRules(c, () => guard(c, next, 'admin'))),
  };
}
