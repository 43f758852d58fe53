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

/**
 * Tenant configurations as order writes read them (the default holds), from Redis only (a write
 * never waits for MongoDB), each kept `ttlMs`: a change made through another replica applies here
 * within that time, one made through this replica at once (forget).
 */
export class TenantConfigCache {
  private readonly entries = new Map<number, { config: TenantConfig; until: number }>();

  constructor(
    private readonly store: TenantConfigStore,
    private readonly ttlMs = 5000,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(tenantId: number): Promise<TenantConfig> {
    const hit = this.entries.get(tenantId);
    if (hit && hit.until > this.clock()) return hit.config;
    const config = (await this.store.getConfig(tenantId)) ?? DEFAULT_TENANT_CONFIG;
    if (this.entries.size >= 10_000) this.entries.clear();
    this.entries.set(tenantId, { config, until: this.clock() + this.ttlMs });
    return config;
  }

  forget(tenantId: number): void {
    this.entries.delete(tenantId);
  }
}
