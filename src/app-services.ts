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
import type { SyncContext } from './domain/sync-context.js';
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

/** The settings the edge itself reads: the keys it accepts and the body limits. */
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
 * Everything handlers and the edge's middleware use: the domain's ports and operations, never a
 * Redis or MongoDB client (readiness is asked of `health`). `services.ts` builds it, with more
 * beside it for the jobs; tests build it with their own.
 */
export interface AppServices extends SyncContext {
  reservations: ReservationReader;
  /** Each tenant's quotas (PUT /admin/tenants/{tenantId}/quotas). */
  quotas: Pick<TenantQuotaService, 'of' | 'set' | 'defaults'>;
  /** The service's logger (pino): the use cases' `log`, and every request's. */
  log: Logger;
  serviceSettings: EdgeSettings;
  health: ReadinessProbes;
  syncRunner: Pick<SyncRunner, 'run' | 'running' | 'lastRun'>;
  reconciler: Pick<Reconciler, 'run' | 'afterRestore'>;
  apiKeys: Pick<ApiKeys, 'verify' | 'holderOf' | 'createKey' | 'listKeys' | 'revokeKey'>;
  rateLimiter: RateLimiter;
  /** This replica's open event streams, capped per key, per tenant and in all. */
  streamSlots: StreamSlots;
  /** The ops console's failed sign-ins, per client address (consoleSignInAttemptsPerMinute). */
  signInLimiter: RateLimiter;
  /** The API's failed bearer authentications, per client address (authFailuresPerMinute). */
  authFailureLimiter: RateLimiter;
  metrics: Metrics;
  orderListParser: OrderListParsing;
  /** Tenant configurations as order writes read them (default holds), briefly cached. */
  tenantConfigs: Pick<TenantConfigCache, 'get' | 'forget'>;
  /** The change feed, and the replica's one reader of new events (Server-Sent Events follow it). */
  events: { feed: EventFeedStore; hub: EventWatcher; settings: EventSettings };
  /** Webhook endpoints and deliveries; `kick` has this replica's dispatcher look at a tenant now. */
  webhooks: WebhookDeps & { dispatcher: { kick(tenantId?: number): void } };
  /** The ops console's sign-ins (src/console): the one store it reaches besides the API's services. */
  consoleSessions: ConsoleSessionStore;
}
