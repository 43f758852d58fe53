import type { AppRouteHandler } from '../types.js';
import type * as routes from './quotas.routes.js';

export const getTenantQuotas: AppRouteHandler<typeof routes.getTenantQuotas> = async (c) => {
  const { tenantId } = c.req.valid('param');
  const { quotas } = c.get('services');
  return c.json({ tenantId, quotas: await quotas.of(tenantId), defaults: quotas.defaults }, 200);
};

export const setTenantQuotas: AppRouteHandler<typeof routes.setTenantQuotas> = async (c) => {
  const { tenantId } = c.req.valid('param');
  const { quotas } = c.get('services');
  return c.json({ tenantId, quotas: await quotas.set(tenantId, c.req.valid('json')), defaults: quotas.defaults }, 200);
};
