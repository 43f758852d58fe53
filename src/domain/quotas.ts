import { DomainError } from './errors.js';

/**
 * What one tenant may keep in the Redis every tenant shares. Each quota has a default (the
 * configuration) and may be set per tenant (PUT /admin/tenants/{tenantId}/quotas). A write that
 * would go past one is refused whole (QuotaExceeded) and changes nothing; the checks that depend
 * on what is stored run inside the script that writes, so parallel writes cannot pass them together.
 */
export interface TenantQuotas {
  /** Orders stored at once (POST /order creating one; PUT /orders replacing them all). */
  orders: number;
  /** Lines of one order. */
  linesPerOrder: number;
  /** Webhook endpoints. */
  webhookEndpoints: number;
  /** Stock origins with a capacity. */
  capacities: number;
  /** Idempotency-Key records kept at once (each for IDEMPOTENCY_TTL_MS). */
  idempotencyRecords: number;
  /** Tracked (origin, article) pairs: stock levels kept at once. */
  stockLevels: number;
  /**
   * Webhook deliveries queued at once for the tenant's paused endpoints, all together. Past it, a
   * new event is not queued for a paused endpoint (it stays in the change feed) and is counted as
   * dropped in the endpoint's figures; the order write behind the event is never refused.
   */
  pausedDeliveries: number;
}

export type QuotaName = keyof TenantQuotas;

export const QUOTA_NAMES: readonly QuotaName[] = [
  'orders',
  'linesPerOrder',
  'webhookEndpoints',
  'capacities',
  'idempotencyRecords',
  'stockLevels',
  'pausedDeliveries',
];

/** A write refused because it would take the tenant past one of its quotas; nothing changed. */
export class QuotaExceeded extends DomainError {
  constructor(
    readonly quota: QuotaName,
    readonly limit: number,
    what = '',
  ) {
    super('QUOTA_EXCEEDED', `over the tenant's quota ${quota} (${limit})${what ? `: ${what}` : ''}; nothing was changed`, { quota, limit });
  }
}

/** Where the quotas set for a tenant are kept (what is not set is the default). */
export interface QuotaStore {
  read(tenantId: number): Promise<Partial<TenantQuotas>>;
  /** Sets the given quotas; a null one goes back to its default. */
  write(tenantId: number, quotas: { [K in QuotaName]?: number | null }): Promise<void>;
}

/** What a store reads of the quotas: each tenant's, as they stand (without a reader, no quota applies). */
export type QuotaReader = Pick<TenantQuotaService, 'of'>;

/**
 * A tenant's quotas, remembered for `cacheMs` by each replica (writes would otherwise pay a Redis
 * round trip more): a change reaches the other replicas within that time, this one at once.
 */
export class TenantQuotaService {
  private readonly cache = new Map<number, { quotas: TenantQuotas; until: number }>();

  constructor(
    private readonly store: QuotaStore,
    /** Every tenant's quotas unless set for it: the configuration's QUOTA_* (src/config.ts, their one default). */
    readonly defaults: TenantQuotas,
    private readonly cacheMs = 5000,
    private readonly clock: () => number = Date.now,
  ) {}

  async of(tenantId: number): Promise<TenantQuotas> {
    const now = this.clock();
    const cached = this.cache.get(tenantId);
    if (cached && cached.until > now) return cached.quotas;
    const quotas = { ...this.defaults, ...(await this.store.read(tenantId)) };
    if (this.cache.size >= 100_000) this.cache.clear();
    this.cache.set(tenantId, { quotas, until: now + this.cacheMs });
    return quotas;
  }

  async set(tenantId: number, quotas: { [K in QuotaName]?: number | null }): Promise<TenantQuotas> {
    await this.store.write(tenantId, quotas);
    this.cache.delete(tenantId);
    return this.of(tenantId);
  }
}
