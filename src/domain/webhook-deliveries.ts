/**
 * Deliveries of events to webhook endpoints: one attempt (sign, send, decide what follows), the
 * log of an endpoint's deliveries, and the manual retry of a failed one.
 */
import { Conflict, NotFound } from './errors.js';
import { eventBody } from './events.js';
import { withBackoff } from './retry.js';
import type { WebhookDeps } from './webhook-endpoints.js';
import type { ClaimedDelivery, WindowFigures } from './webhook-ports.js';
import {
  attemptError,
  durationQuantileMs,
  isDelivered,
  nextAttemptDelay,
  webhookHeaders,
  webhookMessageId,
  type AttemptResult,
  type DeliveryStatus,
  type DeliveryView,
  type WebhookEndpoint,
} from './webhooks.js';
import { randomUUID } from 'node:crypto';
import { parseEventId } from './events.js';

export interface AttemptReport {
  tenantId: number;
  endpointId: string;
  eventId: string;
  result: AttemptResult;
  /** What the delivery is now; `lost`: another replica took it over (this attempt is not recorded); `gone`: it was deleted. */
  status: DeliveryStatus | 'lost' | 'gone';
  /** This attempt's failure disabled the endpoint. */
  endpointDisabled: boolean;
}

/**
 * One attempt of a delivery this replica holds the lease of: the event is signed (a timestamp
 * per attempt) and POSTed; a 2xx within the timeout delivers it, anything else schedules the next
 * attempt, or fails the delivery once the schedule is spent.
 */
export async function attemptDelivery(
  deps: Pick<WebhookDeps, 'store' | 'transport' | 'clock' | 'settings'>,
  tenantId: number,
  claim: ClaimedDelivery,
  token: string,
  random: () => number = Math.random,
): Promise<AttemptReport> {
  const body = eventBody(tenantId, { id: claim.eventId, type: claim.type, data: claim.data });
  const headers = webhookHeaders(claim.endpoint.secret, webhookMessageId(tenantId, claim.eventId), Math.floor(deps.clock() / 1000), body);
  const result = await deps.transport.send(claim.endpoint.url, headers, body, deps.settings.timeoutMs);
  const now = deps.clock();
  const delivered = isDelivered(result);
  const delay = delivered ? null : nextAttemptDelay(claim.attempts + 1, deps.settings.retryScheduleMs, random);
  // Recorded with a few retries; should Redis stay away, the lease ends and the delivery is
  // attempted again (at least once, never lost).
  const recorded = await withBackoff(
    () =>
      deps.store.complete(tenantId, token, {
        endpointId: claim.endpoint.id,
        eventId: claim.eventId,
        outcome: delivered ? 'delivered' : delay === null ? 'failed' : 'retry',
        now,
        nextAttemptAt: delay === null ? null : now + delay,
        result,
        error: attemptError(result),
        disableAfterMs: deps.settings.disableAfterMs,
      }),
    { attempts: 5, baseMs: 200, capMs: 2000 },
  );
  return { tenantId, endpointId: claim.endpoint.id, eventId: claim.eventId, result, ...recorded };
}

export async function listDeliveries(
  deps: Pick<WebhookDeps, 'store'>,
  tenantId: number,
  endpointId: string,
  query: { status?: DeliveryStatus; cursor?: string; limit: number },
): Promise<{ deliveries: DeliveryView[]; nextCursor: string | null }> {
  const page = await deps.store.listDeliveries(tenantId, endpointId, query.status ?? null, query.cursor ?? null, query.limit);
  if (!page) throw new NotFound(`webhook endpoint ${endpointId}`);
  return page;
}

export async function getDelivery(
  deps: Pick<WebhookDeps, 'store'>,
  tenantId: number,
  endpointId: string,
  deliveryId: string,
): Promise<DeliveryView & { data: string | null }> {
  const delivery = await deps.store.getDelivery(tenantId, endpointId, deliveryId);
  if (!delivery) throw new NotFound(`delivery ${deliveryId} of webhook endpoint ${endpointId}`);
  return delivery;
}

/** Sends a failed delivery again now (one more attempt once the schedule is spent). */
export async function retryDelivery(
  deps: Pick<WebhookDeps, 'store' | 'clock'>,
  tenantId: number,
  endpointId: string,
  deliveryId: string,
): Promise<DeliveryView> {
  const reply = await deps.store.retryDelivery(tenantId, endpointId, deliveryId, deps.clock());
  switch (reply.kind) {
    case 'ok':
      return reply.delivery;
    case 'no-endpoint':
      throw new NotFound(`webhook endpoint ${endpointId}`);
    case 'no-delivery':
      throw new NotFound(`delivery ${deliveryId} of webhook endpoint ${endpointId}`);
    case 'not-failed':
      throw new Conflict(`delivery ${deliveryId} is ${reply.status}: only a failed delivery can be retried`, { status: reply.status });
    case 'endpoint-disabled':
      throw new Conflict(`webhook endpoint ${endpointId} is disabled: re-enable it first (PATCH with "status": "active")`);
    case 'endpoint-paused':
      throw new Conflict(`webhook endpoint ${endpointId} is paused: resume it first (PATCH with "status": "active")`);
  }
}

/** An endpoint's figures over a window, as the API shows them. */
export interface WindowStats {
  attempts: number;
  attemptsSucceeded: number;
  attemptsFailed: number;
  deliveriesSucceeded: number;
  deliveriesFailed: number;
  /** Attempts answered 2xx in time, of all attempts; null without attempts. */
  successRate: number | null;
  /** Upper bounds of the duration buckets where half and 95% of the attempts are reached. */
  p50DurationMs: number | null;
  p95DurationMs: number | null;
}

export interface EndpointStats {
  endpointId: string;
  lastHour: WindowStats;
  last24Hours: WindowStats;
  pending: number;
  /** When the oldest pending delivery's event happened; null when none is pending. */
  oldestPendingAt: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastFailure: { statusCode: number | null; error: string | null } | null;
  /**
   * Events not queued for the endpoint while it was paused and the tenant's pausedDeliveries quota
   * was reached, since the endpoint was created (they stay in the change feed), and the last time.
   */
  dropped: number;
  lastDroppedAt: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** An endpoint's delivery figures over the last hour and the last 24 hours (counted as attempts are recorded). */
export async function getEndpointStats(
  deps: Pick<WebhookDeps, 'store' | 'clock' | 'settings'>,
  tenantId: number,
  endpointId: string,
): Promise<EndpointStats> {
  const figures = await deps.store.endpointStats(tenantId, endpointId, deps.clock());
  if (!figures) throw new NotFound(`webhook endpoint ${endpointId}`);
  const longest = Math.max(deps.settings.timeoutMs, 30_000);
  const window = (f: WindowFigures): WindowStats => ({
    attempts: f.attempts,
    attemptsSucceeded: f.attemptsSucceeded,
    attemptsFailed: f.attempts - f.attemptsSucceeded,
    deliveriesSucceeded: f.deliveriesSucceeded,
    deliveriesFailed: f.deliveriesFailed,
    successRate: f.attempts === 0 ? null : f.attemptsSucceeded / f.attempts,
    p50DurationMs: durationQuantileMs(f.durationCounts, 0.5, longest),
    p95DurationMs: durationQuantileMs(f.durationCounts, 0.95, longest),
  });
  return {
    endpointId,
    lastHour: window(figures.lastHour),
    last24Hours: window(figures.last24Hours),
    pending: figures.pending,
    oldestPendingAt: figures.oldestPendingEventId ? iso(parseEventId(figures.oldestPendingEventId).ms) : null,
    lastSuccessAt: iso(figures.lastSuccessAt),
    lastFailureAt: iso(figures.lastFailure?.at ?? null),
    lastFailure: figures.lastFailure ? { statusCode: figures.lastFailure.statusCode, error: figures.lastFailure.error } : null,
    dropped: figures.dropped,
    lastDroppedAt: iso(figures.lastDroppedAt),
  };
}

export interface TestDeliveryResult {
  /** The receiver answered 2xx within WEBHOOK_TIMEOUT_MS. */
  delivered: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  /** The start of the receiver's answer. */
  response: string | null;
  /** The webhook-id header sent (the test event's id). */
  webhookId: string;
}

/**
 * Sends a signed `webhook.test` event to the endpoint at once, outside the feed and the delivery
 * log (whatever its status: testing a disabled endpoint is how one knows it can be re-enabled),
 * and answers what the receiver answered. Not counted in the endpoint's figures.
 */
export async function sendTestEvent(
  deps: Pick<WebhookDeps, 'store' | 'transport' | 'clock' | 'settings'>,
  tenantId: number,
  endpointId: string,
): Promise<TestDeliveryResult> {
  const definition = (await deps.store.readDefinitions(tenantId)).get(endpointId);
  if (!definition) throw new NotFound(`webhook endpoint ${endpointId}`);
  const endpoint = JSON.parse(definition) as WebhookEndpoint;
  const now = deps.clock();
  const data = JSON.stringify({ endpointId, message: 'A test event sent from Reservoir: no order changed.' });
  const body = eventBody(tenantId, { id: `${now}-0`, type: 'webhook.test', data });
  const webhookId = `test_${randomUUID()}`;
  const headers = webhookHeaders(endpoint.secret, webhookId, Math.floor(now / 1000), body);
  const result = await deps.transport.send(endpoint.url, headers, body, deps.settings.timeoutMs);
  return {
    delivered: isDelivered(result),
    statusCode: result.statusCode,
    durationMs: result.durationMs,
    error: attemptError(result),
    response: result.response,
    webhookId,
  };
}

/** Each script call retries this many failed deliveries; calls follow until none is left. */
const RETRY_BATCH = 500;

/** Sends every failed delivery of the endpoint again now (as `retryDelivery` does for one); answers how many. */
export async function retryFailedDeliveries(
  deps: Pick<WebhookDeps, 'store' | 'clock'>,
  tenantId: number,
  endpointId: string,
): Promise<number> {
  let retried = 0;
  for (;;) {
    const reply = await deps.store.retryFailed(tenantId, endpointId, deps.clock(), RETRY_BATCH);
    switch (reply.kind) {
      case 'no-endpoint':
        throw new NotFound(`webhook endpoint ${endpointId}`);
      case 'endpoint-disabled':
        throw new Conflict(`webhook endpoint ${endpointId} is disabled: re-enable it first (PATCH with "status": "active")`);
      case 'endpoint-paused':
        throw new Conflict(`webhook endpoint ${endpointId} is paused: resume it first (PATCH with "status": "active")`);
    }
    retried += reply.retried;
    if (reply.retried < RETRY_BATCH) return retried;
  }
}

/**
 * Forgets finished deliveries older than the log's retention, and the oldest beyond the most
 * kept per endpoint; pending ones stay until they finish. Answers how many were forgotten.
 */
export async function trimDeliveryLogs(deps: Pick<WebhookDeps, 'store' | 'clock' | 'settings'>): Promise<number> {
  const keepFromMs = deps.clock() - deps.settings.logRetentionMs;
  let forgotten = 0;
  for (const tenantId of await deps.store.listTenants()) {
    for (const endpointId of (await deps.store.readDefinitions(tenantId)).keys()) {
      for (;;) {
        const n = await deps.store.trimLog(tenantId, endpointId, keepFromMs, deps.settings.logMaxPerEndpoint);
        forgotten += n;
        if (n === 0) break;
      }
    }
  }
  return forgotten;
}
