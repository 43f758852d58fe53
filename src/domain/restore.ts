import type { TenantLease } from './ports.js';
import type { SyncContext } from './sync-context.js';

export type RestoreDeps = Pick<
  SyncContext,
  | 'orders'
  | 'archive'
  | 'configStore'
  | 'configArchive'
  | 'capacities'
  | 'capacityArchive'
  | 'stock'
  | 'stockArchive'
  | 'locks'
  | 'syncState'
  | 'clock'
  | 'log'
  | 'syncSettings'
>;

export interface RestoreReport {
  tenantId: number;
  status: 'restored' | 'skipped' | 'failed';
  reason?: string;
  ordersRead: number;
  ordersRestored: number;
  durationMs: number;
  error?: string;
}

/**
 * What a restore does: puts a tenant's archived orders, configuration, capacities and stock levels back into Redis after
 * Redis lost them. An order Redis holds in a newer state, or changed since (even deleted), is left
 * as Redis has it. Runs under the tenant lease, once: the tenant is then marked restored.
 */
export async function restoreTenant(
  deps: RestoreDeps,
  tenantId: number,
  options: { force?: boolean; lease?: TenantLease } = {},
): Promise<RestoreReport> {
  const started = deps.clock();
  const report = (fields: Partial<RestoreReport> & Pick<RestoreReport, 'status'>): RestoreReport => ({
    tenantId,
    ordersRead: 0,
    ordersRestored: 0,
    durationMs: deps.clock() - started,
    ...fields,
  });
  // The periodic check calls this for every archived tenant: the common answer costs one read.
  if (!options.force && !options.lease && (await deps.syncState.isRestored(tenantId))) {
    return report({ status: 'skipped', reason: 'already restored' });
  }
  const lease = options.lease ?? (await deps.locks.acquire(tenantId, deps.syncSettings.replaceLockWaitMs));
  if (!lease) return report({ status: 'skipped', reason: 'another replica holds this tenant' });
  try {
    if (!options.force && (await deps.syncState.isRestored(tenantId))) {
      return report({ status: 'skipped', reason: 'already restored' });
    }
    let ordersRead = 0;
    let ordersRestored = 0;
    for await (const batch of deps.archive.readOrders(tenantId, 500)) {
      ordersRead += batch.length;
      ordersRestored += await deps.orders.restoreOrders(tenantId, batch, deps.clock());
    }
    if (!(await deps.configStore.getConfig(tenantId))) {
      const archived = await deps.configArchive.getConfig(tenantId);
      if (archived) await deps.configStore.putConfig(tenantId, archived);
    }
    if (!(await deps.capacities.hasCapacities(tenantId))) {
      await deps.capacities.restoreCapacities(tenantId, await deps.capacityArchive.listCapacities(tenantId));
    }
    // Each archived level where Redis has none counted later (a count pushed since the loss stays).
    await deps.stock.restoreLevels(tenantId, await deps.stockArchive.listLevels(tenantId));
    await deps.syncState.markRestored(tenantId);
    if (ordersRestored > 0) deps.log.info({ tenantId, ordersRead, ordersRestored }, 'tenant restored from MongoDB');
    return report({ status: 'restored', ordersRead, ordersRestored });
  } finally {
    if (!options.lease) await lease.release();
  }
}

/** Restores every archived tenant not yet restored (all of them with `force`). */
export async function restoreAllTenants(deps: RestoreDeps, options: { force?: boolean; tenantId?: number } = {}): Promise<RestoreReport[]> {
  const ids =
    options.tenantId !== undefined
      ? [options.tenantId]
      : [
          ...new Set([
            ...(await deps.archive.listTenants()),
            ...(await deps.configArchive.listTenants()),
            ...(await deps.capacityArchive.listTenants()),
            ...(await deps.stockArchive.listTenants()),
          ]),
        ].sort((a, b) => a - b);
  const reports: RestoreReport[] = [];
  for (const tenantId of ids) {
    try {
      reports.push(await restoreTenant(deps, tenantId, { force: options.force }));
    } catch (error) {
      deps.log.error({ tenantId, err: error }, 'tenant restore failed');
      reports.push({ tenantId, status: 'failed', ordersRead: 0, ordersRestored: 0, durationMs: 0, error: String(error) });
    }
  }
  return reports;
}
