import type { AppServices } from '../env.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './quotas.routes.js';

/** What the quota routes use of the services. */
export type QuotaServices = Pick<AppServices, 'quotas'>;

export const getTenantQuotas =
  (services: QuotaServices): AppRouteHandler<typeof routes.getTenantQuotas> =>
  async (c) => {
    const { tenantId } = c.req.valid('param');
    const { quotas } = services;
    return c.json({ tenantId, quotas: await quotas.of(tenantId), defaults: quotas.defaults }, 200);
  };

export const setTenantQuotas =
  (services: QuotaServices): AppRouteHandler<typeof routes.setTenantQuotas> =>
  async (c) => {
    const { tenantId } = c.req.valid('param');
    const { quotas } = services;
    return c.json({ tenantId, quotas: await quotas.set(tenantId, c.req.valid('json')), defaults: quotas.defaults }, 200);
  };
