/**
 * What the webhook use cases need from storage and from the network. `repositories/` implements
 * them: MongoDB keeps the endpoint definitions (tenant configuration, durable), Redis a copy of
 * them with everything about deliveries (hot, atomic), and an HTTP client sends.
 */
import type { AttemptResult, DeliveryStatus, DeliveryView, EndpointHealth, WebhookEndpoint } from './webhooks.js';

/** An endpoint as MongoDB keeps it: its definition, and whether the dispatcher disabled it. */
export interface ArchivedEndpoint extends WebhookEndpoint {
  disabledAt: string | null;
  disabledReason: string | null;
}

export type EndpointChanges = Partial<Pick<WebhookEndpoint, 'url' | 'events' | 'description' | 'status'>> & { updatedAt: string };

export interface WebhookArchive {
  /** Writes the endpoint (idempotent: by its id). */
  putEndpoint(endpoint: WebhookEndpoint): Promise<void>;
  /** Changes some fields; `reenable` clears the disabled state. False when there is no such endpoint. */
  updateEndpoint(tenantId: number, endpointId: string, changes: EndpointChanges, reenable: boolean): Promise<boolean>;
  markDisabled(tenantId: number, endpointId: string, disabledAt: string, reason: string): Promise<void>;
  deleteEndpoint(tenantId: number, endpointId: string): Promise<boolean>;
  getEndpoint(tenantId: number, endpointId: string): Promise<ArchivedEndpoint | null>;
  /** Oldest first. */
  listEndpoints(tenantId: number): Promise<ArchivedEndpoint[]>;
  listAllEndpoints(): Promise<ArchivedEndpoint[]>;
}

/** One delivery leased to this replica for one attempt. */
export interface ClaimedDelivery {
  endpoint: WebhookEndpoint;
  eventId: string;
  type: string;
  /** The event's data as the feed had it (JSON text). */
  data: string;
  /** Attempts already made. */
  attempts: number;
}

export interface PumpResult {
  created: number;
  moreEvents: boolean;
  nextDue: number | null;
  gap: string | null;
  claims: ClaimedDelivery[];
  /** Deliveries not queued for paused endpoints: the tenant's pausedDeliveries quota was reached. */
  dropped: number;
}

export interface AttemptOutcome {
  endpointId: string;
  eventId: string;
  outcome: 'delivered' | 'retry' | 'failed';
  now: number;
  nextAttemptAt: number | null;
  result: AttemptResult;
  error: string | null;
  disableAfterMs: number;
}

export interface WebhookStore {
  /** Writes the Redis copy of an endpoint's definition; see webhook-put-endpoint.lua for the modes. */
  putEndpoint(
    endpoint: WebhookEndpoint,
    mode: 'create' | 'update' | 'restore',
    options?: {
      reenable?: boolean;
      restoredDisabled?: { disabledAt: number; disabledReason: string } | null;
      /** create only: refused (false) when the tenant has this many endpoints already. */
      maxEndpoints?: number;
    },
  ): Promise<boolean>;
  deleteEndpoint(tenantId: number, endpointId: string): Promise<boolean>;
  /** The Redis copy of each endpoint's definition (JSON text), by id. */
  readDefinitions(tenantId: number): Promise<Map<string, string>>;
  readHealth(tenantId: number): Promise<Map<string, EndpointHealth>>;
  /** The tenants with endpoints, as the dispatcher walks them. */
  listTenants(): Promise<number[]>;
  addTenant(tenantId: number): Promise<void>;
  removeTenant(tenantId: number): Promise<void>;
  pump(
    tenantId: number,
    args: {
      now: number;
      firstDelayMs: number;
      fanoutLimit: number;
      claimLimit: number;
      leaseMs: number;
      token: string;
      /** At most this many more for these endpoints (the caller's attempts in flight to them). */
      room?: Map<string, number>;
      /** Deliveries queued for the tenant's paused endpoints at most (its pausedDeliveries quota); none: no limit. */
      pausedDeliveries?: number;
    },
  ): Promise<PumpResult>;
  /** Records an attempt if `token` still holds the lease. */
  complete(
    tenantId: number,
    token: string,
    outcome: AttemptOutcome,
  ): Promise<{ status: DeliveryStatus | 'lost' | 'gone'; endpointDisabled: boolean }>;
  retryDelivery(
    tenantId: number,
    endpointId: string,
    eventId: string,
    now: number,
  ): Promise<
    | { kind: 'ok'; delivery: DeliveryView }
    | { kind: 'no-endpoint' | 'no-delivery' | 'endpoint-disabled' | 'endpoint-paused' }
    | { kind: 'not-failed'; status: string }
  >;
  listDeliveries(
    tenantId: number,
    endpointId: string,
    status: DeliveryStatus | null,
    cursor: string | null,
    limit: number,
  ): Promise<{ deliveries: DeliveryView[]; nextCursor: string | null } | null>;
  getDelivery(tenantId: number, endpointId: string, eventId: string): Promise<(DeliveryView & { data: string | null }) | null>;
  trimLog(tenantId: number, endpointId: string, keepFromMs: number, most: number): Promise<number>;
  pendingStats(tenantId: number): Promise<{ endpointId: string; pending: number; oldestEventId: string | null }[]>;
  /** The endpoint's delivery figures over the last hour and day; null when there is no such endpoint. */
  endpointStats(tenantId: number, endpointId: string, now: number): Promise<EndpointFigures | null>;
  /** Makes up to `most` failed deliveries pending again, due now; answers how many. */
  retryFailed(
    tenantId: number,
    endpointId: string,
    now: number,
    most: number,
  ): Promise<{ kind: 'ok'; retried: number } | { kind: 'no-endpoint' | 'endpoint-disabled' | 'endpoint-paused' }>;
}

/** Attempt counts over a window. */
export interface WindowFigures {
  attempts: number;
  /** Attempts answered 2xx in time. */
  attemptsSucceeded: number;
  /** Deliveries delivered, and failed for good (schedule spent, endpoint disabled). */
  deliveriesSucceeded: number;
  deliveriesFailed: number;
  /** Attempts by duration: one count per bound of WEBHOOK_DURATION_BOUNDS_MS, then those above. */
  durationCounts: number[];
}

export interface EndpointFigures {
  lastHour: WindowFigures;
  last24Hours: WindowFigures;
  pending: number;
  oldestPendingEventId: string | null;
  lastSuccessAt: number | null;
  lastFailure: { at: number; statusCode: number | null; error: string | null } | null;
  /** Events not queued while the endpoint was paused and the tenant's pausedDeliveries quota reached. */
  dropped: number;
  lastDroppedAt: number | null;
}

export interface WebhookTransport {
  /** Why deliveries to this URL are refused (it resolves to a private address, or not at all), or null. */
  checkUrl(url: URL): Promise<string | null>;
  /** One attempt: POSTs `body`, follows no redirect, gives up after `timeoutMs`. */
  send(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<AttemptResult>;
}
