import { StoreUnavailable } from '../../domain/errors.js';
import { type RestoreDeps, restoreAllTenants } from '../../domain/restore.js';
import { getTenantConfig, type TenantConfigDeps } from '../../domain/tenant-config-service.js';
import type { AppServices } from '../env.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './sync.routes.js';

/** What the sync and restore routes use of the services. */
export type SyncServices = Pick<AppServices, 'changes' | 'syncState' | 'syncRunner' | 'reconciler'> & TenantConfigDeps & RestoreDeps;

export const getTenantSync =
  (services: SyncServices): AppRouteHandler<typeof routes.getTenantSync> =>
  async (c) => {
    const { tenantId } = c.req.valid('param');
    // The status matters most while MongoDB is down: answer it even if the configuration is only there.
    const [config, pendingChanges, mirrored, lastSync] = await Promise.all([
      getTenantConfig(services, tenantId).catch((error) => {
        if (error instanceof StoreUnavailable) return null;
        throw error;
      }),
      services.changes.countPendingChanges(tenantId),
      services.syncState.isMirrored(tenantId),
      services.syncState.getLastSync(tenantId),
    ]);
    return c.json({ tenantId, enableInternalOrderSync: config?.enableInternalOrderSync ?? null, pendingChanges, mirrored, lastSync }, 200);
  };

export const runSyncNow =
  (services: SyncServices): AppRouteHandler<typeof routes.runSyncNow> =>
  async (c) => {
    const body = c.req.valid('json') ?? {};
    const report = await services.syncRunner.run({ trigger: 'admin', tenantId: body.tenantId, full: body.full });
    return c.json(report, 200);
  };

export const listSyncRuns =
  (services: SyncServices): AppRouteHandler<typeof routes.listSyncRuns> =>
  async (c) => {
    const { limit } = c.req.valid('query');
    return c.json({ running: services.syncRunner.running, runs: await services.syncState.listRuns(limit) }, 200);
  };

export const restoreNow =
  (services: SyncServices): AppRouteHandler<typeof routes.restoreNow> =>
  async (c) => {
    const body = c.req.valid('json') ?? {};
    const tenants = await restoreAllTenants(services, body);
    // Orders written back: their figures are checked against them at once.
    await services.reconciler.afterRestore(tenants);
    return c.json({ tenants }, 200);
  };
