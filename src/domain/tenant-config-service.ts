import type { TenantConfigArchive, TenantConfigStore } from './ports.js';
import { DEFAULT_TENANT_CONFIG, type TenantConfig } from './tenant-config.js';

export interface TenantConfigDeps {
  configStore: TenantConfigStore;
  configArchive: TenantConfigArchive;
}

/**
 * A tenant's configuration: Redis answers; when Redis lost it, the archived copy is read and put
 * back; a tenant never configured gets the defaults.
 */
export async function getTenantConfig(deps: TenantConfigDeps, tenantId: number): Promise<TenantConfig> {
  const hot = await deps.configStore.getConfig(tenantId);
  if (hot) return hot;
  const archived = await deps.configArchive.getConfig(tenantId);
  if (!archived) return DEFAULT_TENANT_CONFIG;
  await deps.configStore.putConfig(tenantId, archived);
  return archived;
}

/** Durable first: a configuration acknowledged to the caller survives a Redis loss. */
export async function putTenantConfig(deps: TenantConfigDeps, tenantId: number, config: TenantConfig): Promise<TenantConfig> {
  await deps.configArchive.putConfig(tenantId, config);
  await deps.configStore.putConfig(tenantId, config);
  return config;
}
