import type { CapacityArchive, ReservationReader, TenantRegistry, TenantSyncReport } from './ports.js';
import type { TenantSummary } from './reservation.js';
import { getTenantConfig, type TenantConfigDeps } from './tenant-config-service.js';

export interface TenantOverview extends TenantSummary {
  tenantId: number;
  enableInternalOrderSync: boolean | null;
  lastSync: TenantSyncReport | null;
}

export interface TenantsDeps extends TenantConfigDeps {
  tenants: TenantRegistry;
  reservations: ReservationReader;
  capacityArchive: Pick<CapacityArchive, 'listTenants'>;
  clock: () => number;
}

/**
 * Every tenant (those with orders in Redis, and those with a configuration or a stock-origin
 * capacity), with its summary and sync flag, a page at a time by tenant id. The cursor is the last
 * tenant id of the page.
 */
export async function listTenantOverviews(
  deps: TenantsDeps,
  limit: number,
  after: number | null,
): Promise<{ tenants: TenantOverview[]; nextCursor: string | null }> {
  // MongoDB down: the tenants Redis knows are still listed.
  const [configured, withCapacities] = await Promise.all([
    deps.configArchive.listTenants().catch(() => [] as number[]),
    deps.capacityArchive.listTenants().catch(() => [] as number[]),
  ]);
  const ids = [...new Set([...(await deps.tenants.listTenants()), ...configured, ...withCapacities])]
    .sort((a, b) => a - b)
    .filter((id) => after === null || id > after);
  const page = ids.slice(0, limit);
  const now = deps.clock();
  const tenants = await Promise.all(
    page.map(async (tenantId) => {
      const [summary, config] = await Promise.all([
        deps.reservations.summary(tenantId, now),
        getTenantConfig(deps, tenantId).catch(() => null),
      ]);
      return { tenantId, enableInternalOrderSync: config?.enableInternalOrderSync ?? null, ...summary };
    }),
  );
  return { tenants, nextCursor: ids.length > limit ? String(page[page.length - 1]) : null };
}
