import { DEFAULT_SATURATION_THRESHOLDS } from '../../domain/capacity.js';
import { DEFAULT_TENANT_CONFIG } from '../../domain/tenant-config.js';
import {
  getTenantConfig as readConfig,
  type TenantConfigDeps,
  putTenantConfig as writeConfig,
} from '../../domain/tenant-config-service.js';
import type { AppServices } from '../env.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './tenant-config.routes.js';

/** What the tenant configuration routes use of the services. */
export type TenantConfigServices = Pick<AppServices, 'tenantConfigs'> & TenantConfigDeps;

export const getTenantConfig =
  (services: TenantConfigServices): AppRouteHandler<typeof routes.getTenantConfig> =>
  async (c) => {
    const { tenantId } = c.req.valid('param');
    return c.json(await readConfig(services, tenantId), 200);
  };

export const putTenantConfig =
  (services: TenantConfigServices): AppRouteHandler<typeof routes.putTenantConfig> =>
  async (c) => {
    const { tenantId } = c.req.valid('param');
    const { enableInternalOrderSync, saturationThresholds, reservationPolicy, defaultHoldSeconds } = c.req.valid('json');
    const config = {
      enableInternalOrderSync,
      saturationThresholds: saturationThresholds ?? [...DEFAULT_SATURATION_THRESHOLDS],
      reservationPolicy: reservationPolicy ?? DEFAULT_TENANT_CONFIG.reservationPolicy,
      defaultHoldSeconds: defaultHoldSeconds ?? DEFAULT_TENANT_CONFIG.defaultHoldSeconds,
    };
    const written = await writeConfig(services, tenantId, config);
    services.tenantConfigs.forget(tenantId);
    return c.json(written, 200);
  };
