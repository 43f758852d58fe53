/**
 * Deliveries of events to webhook endpoints: one attempt (sign, send, decide what follows), the
 * log of an endpoint's deliveries, and the manual retry of a failed one.
 */
import { Conflict, NotFound } from './errors.js';
import { eventBody } from './events.js';
import { withBackoff } from './retry.js';
import type { WebhookDeps } from './webhook-endpoints.js';
import type { ClaimedDelivery } from './webhook-ports.js';
import {
  attemptError,
  isDelivered,
  nextAttemptDelay,
  webhookHeaders,
  webhookMessageId,
  type AttemptResult,
  type DeliveryStatus,
  type DeliveryView,
} from './webhooks.js';

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
