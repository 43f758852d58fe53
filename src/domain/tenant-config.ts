/** A tenant's settings (the seed contract's ConfigDo). */
export interface TenantConfig {
  enableInternalOrderSync: boolean;
}

export const DEFAULT_TENANT_CONFIG: TenantConfig = { enableInternalOrderSync: true };
