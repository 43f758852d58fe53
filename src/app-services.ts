/**
 * What the HTTP app (src/app.ts, routes/, console/) needs of the services: the seam between the
 * composition root (services.ts builds it) and the edge, so neither imports the other.
 */
import type { TenantConfigCache } from './domain/tenant-config-service.js';
import type { Logger } from 'pino';
import type { ApiKeys } from './domain/api-keys.js';
import type { ConsoleSessionStore } from './domain/console-sessions.js';
import type { EventFeedStore, EventSettings, EventWatcher } from './domain/events.js';
import type { WebhookDeps } from './domain/webhook-endpoints.js';
import type { OrderListParsing, ReservationReader } from './domain/ports.js';
import type { TenantQuotaService } from './domain/quotas.js';
import type { Reconciler } from './domain/reconcile.js';
import type { SyncSettings } from './domain/sync-context.js';
import type {
  CapacityArchive,
  CapacityStore,
  OrderArchive,
  OrderSetReplacer,
  OrderStore,
  PendingChanges,
  StockArchive,
  StockStore,
  TenantConfigArchive,
  TenantConfigStore,
  TenantLocks,
  TenantRegistry,
  TenantSyncState,
} from './domain/ports.js';
import type { SyncRunner } from './jobs/sync-runner.js';
import type { Metrics } from './metrics.js';
import type { RateLimiter } from './domain/rate-limiter.js';
import type { StreamLimits, StreamSlots } from './domain/stream-slots.js';

/** Whether a store answers (for GET /ready): `down` when it does not within a short time. */
export type Readiness = 'up' | 'down';

export interface ReadinessProbes {
  redis(): Promise<Readiness>;
  mongodb(): Promise<Readiness>;
}

/** How much of a refused body the edge reads and discards after answering (nginx's "lingering close"). */
export interface BodyDrainSettings {
  /** Bytes read and discarded at most; a body announced longer than this is answered `Connection: close`. */
  maxBytes: number;
  /** How long the rest of the body may take to arrive; then the connection is closed. */
  maxMs: number;
}

/**
 * The HTTP edge's settings (from the environment, config.ts): the keys it accepts, the body
 * limits, the console's sessions. (A tenant's own settings are its configuration, TenantConfig.)
 */
export interface EdgeSettings {
  adminApiKey: string;
  /** Also accepted on GET /metrics (besides the admin key), for a Prometheus scraper. */
  metricsApiKey?: string;
  orderBodyLimitBytes: number;
  replaceBodyLimitBytes: number;
  /** How much of a refused body is read and discarded after the answer. */
  bodyDrain: BodyDrainSettings;
  /** How long an ops-console sign-in lasts. */
  consoleSessionTtlMs: number;
  /** How long an unused ops-console session lasts. */
  consoleSessionIdleMs: number;
  /** Failed ops-console sign-ins allowed per minute per client address and replica (0: no limit). */
  consoleSignInAttemptsPerMinute: number;
  /**
   * How many proxies in front of the service append the address they were called from to
   * X-Forwarded-For (0: the client is the TCP peer). With 1 (one nginx), the client is the
   * last address of X-Forwarded-For; what a client writes there itself is never believed.
   */
  trustedProxyHops: number;
  /** Failed API authentications allowed per minute per client address and replica (0: no limit). */
  authFailuresPerMinute: number;
  /** Open event streams allowed per key, per tenant and per replica. */
  streamLimits: StreamLimits;
}

/**
 * Everything the HTTP app uses: the domain's ports and operations, never a Redis or MongoDB client
 * (readiness is asked of `health`). `services.ts` builds it, with more beside it for the jobs;
 * tests build it with their own. The app hands each route group, its own middleware and the
 * console only the part it uses (each group's `*Services` type, a Pick of this).
 */
export interface AppServices {
  // The hot store and what reads it.
  orders: OrderStore;
  reservations: ReservationReader;
  capacities: CapacityStore;
  stock: StockStore;
  /** The tenants Redis holds, for the tenant list. */
  tenants: TenantRegistry;
  /** What PUT /{tenantId}/orders switches a tenant's whole set with. */
  replacer: OrderSetReplacer;
  /** What the sync has still to write, per tenant (GET /{tenantId}/sync). */
  changes: PendingChanges;
  /** Each tenant's configuration, in Redis and in the archive. */
  configStore: TenantConfigStore;
  configArchive: TenantConfigArchive;
  /** Tenant configurations as order writes read them (default holds), briefly cached. */
  tenantConfigs: Pick<TenantConfigCache, 'get' | 'forget'>;
  // The archive (MongoDB), written by the replace, the restore and the capacities and stock levels.
  archive: OrderArchive;
  capacityArchive: CapacityArchive;
  stockArchive: StockArchive;
  /** Tenant leases: a replace or a restore holds its tenant against a sync. */
  locks: TenantLocks;
  /** The per-tenant sync markers (mirrored, last sync) and the recorded runs. */
  syncState: TenantSyncState;
  /** How a replace and a restore batch their archive writes and wait for a tenant's lease. */
  syncSettings: SyncSettings;
  clock: () => number;
  /** The service's logger (pino): the use cases' `log`, and every request's. */
  log: Logger;
  /** Each tenant's quotas (PUT /admin/tenants/{tenantId}/quotas). */
  quotas: Pick<TenantQuotaService, 'of' | 'set' | 'defaults'>;
  /** What the edge itself reads: the keys it accepts, the body limits, the console's sessions. */
  edgeSettings: EdgeSettings;
  health: ReadinessProbes;
  syncRunner: Pick<SyncRunner, 'run' | 'running' | 'lastRun'>;
  reconciler: Pick<Reconciler, 'run' | 'afterRestore'>;
  apiKeys: Pick<ApiKeys, 'verify' | 'holderOf' | 'createKey' | 'listKeys' | 'revokeKey'>;
  /** Each tenant key's requests (RATE_LIMIT_*). */
  rateLimiter: RateLimiter;
  /** This replica's open event streams, capped per key, per tenant and in all. */
  streamSlots: StreamSlots;
  /** The ops console's failed sign-ins, per client address (consoleSignInAttemptsPerMinute). */
  signInLimiter: RateLimiter;
  /** The API's failed bearer authentications, per client address (authFailuresPerMinute). */
  authFailureLimiter: RateLimiter;
  metrics: Metrics;
  orderListParser: OrderListParsing;
  /** The change feed, and the replica's one reader of new events (Server-Sent Events follow it). */
  events: { feed: EventFeedStore; hub: EventWatcher; settings: EventSettings };
  /** Webhook endpoints and deliveries; `kick` has this replica's dispatcher look at a tenant now. */
  webhooks: WebhookDeps & { dispatcher: { kick(tenantId?: number): void } };
  /** The ops console's sign-ins (src/console): the one store it reaches besides the API's services. */
  consoleSessions: ConsoleSessionStore;
}
