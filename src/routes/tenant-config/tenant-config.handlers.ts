import { getTenantConfig as readConfig, putTenantConfig as writeConfig } from '../../domain/tenant-config-service.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './tenant-config.routes.js';

export const getTenantConfig: AppRouteHandler<typeof routes.getTenantConfig> = async (c) => {
  const { tenantId } = c.req.valid('param');
  return c.json(await readConfig(c.get('services'), tenantId), 200);
};

export const putTenantConfig: AppRouteHandler<typeof routes.putTenantConfig> = async (c) => {
  const { tenantId } = c.req.valid('param');
  return c.json(await writeConfig(c.get('services'), tenantId, c.req.valid('json')), 200);
};
