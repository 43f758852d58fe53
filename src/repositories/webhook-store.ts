import { formatDuration } from '../domain/durations.js';
import type { AttemptOutcome, ClaimedDelivery, EndpointFigures, PumpResult, WebhookStore, WindowFigures } from '../domain/webhook-ports.js';
import type { DeliveryStatus, DeliveryView, EndpointHealth, WebhookEndpoint } from '../domain/webhooks.js';
import { WEBHOOK_TENANTS_KEY, webhookKeys } from './keys.js';
import type { RedisLike } from './redis-scripts/lua-script.js';
import { completeScript } from './redis-scripts/webhook-complete.js';
import { deleteEndpointScript } from './redis-scripts/webhook-delete-endpoint.js';
import { listDeliveriesScript } from './redis-scripts/webhook-list-deliveries.js';
import { pendingStatsScript } from './redis-scripts/webhook-pending-stats.js';
import { pumpScript } from './redis-scripts/webhook-pump.js';
import { putEndpointScript } from './redis-scripts/webhook-put-endpoint.js';
import { retryDeliveryScript } from './redis-scripts/webhook-retry-delivery.js';
import { retryFailedScript } from './redis-scripts/webhook-retry-failed.js';
import { endpointStatsScript, type StoredFigures } from './redis-scripts/webhook-stats.js';
import { trimLogScript } from './redis-scripts/webhook-trim-log.js';
import { withRedis } from './redis-client.js';

/** A delivery's state as the webhook scripts keep it (times in ms). */
interface StoredDeliveryState {
  type: string;
  status: DeliveryStatus;
  attempts?: number;
  createdAt: number;
  nextAt?: number;
  lastAttemptAt?: number;
  lastStatusCode?: number;
  lastError?: string;
  lastResponse?: string;
  lastDurationMs?: number;
  deliveredAt?: number;
  failedAt?: number;
}

interface StoredHealth {
  since?: string;
  failingSince?: number;
  disabledAt?: number;
  disabledReason?: string;
}

const iso = (ms: number | undefined) => (ms === undefined || ms === null ? null : new Date(ms).toISOString());

/** The definition as Redis keeps it, fields in a fixed order (so that copies compare as text). */
export function definitionJson(endpoint: WebhookEndpoint): string {
  const { id, tenantId, url, events, description, status, secret, createdAt, updatedAt } = endpoint;
  return JSON.stringify({ id, tenantId, url, events, description, status, secret, createdAt, updatedAt });
}

function toDeliveryView(endpointId: string, eventId: string, json: string): DeliveryView {
  const s = JSON.parse(json) as StoredDeliveryState;
  return {
    id: eventId,
    endpointId,
    eventType: s.type as DeliveryView['eventType'],
    status: s.status,
    attempts: s.attempts ?? 0,
    createdAt: iso(s.createdAt)!,
    lastAttemptAt: iso(s.lastAttemptAt),
    lastStatusCode: s.lastStatusCode ?? null,
    lastError: s.lastError ?? null,
    lastResponse: s.lastResponse ?? null,
    lastDurationMs: s.lastDurationMs ?? null,
    nextAttemptAt: s.status === 'pending' ? iso(s.nextAt) : null,
    deliveredAt: iso(s.deliveredAt),
    failedAt: iso(s.failedAt),
  };
}

/**
 * Webhook state in Redis, every key of a tenant under its hash tag (keys.ts `webhookKeys`), every
 * multi-key change one script (redis-scripts/webhook-*.lua). The list of tenants with endpoints
 * (`r:webhooks:tenants`) is global, hence written apart; the restore job rebuilds it from MongoDB.
 */
export class RedisWebhookStore implements WebhookStore {
  private readonly scripts;

  constructor(private readonly redis: RedisLike) {
    this.scripts = {
      put: putEndpointScript(redis),
      delete: deleteEndpointScript(redis),
      pump: pumpScript(redis),
      complete: completeScript(redis),
      retry: retryDeliveryScript(redis),
      list: listDeliveriesScript(redis),
      trim: trimLogScript(redis),
      stats: pendingStatsScript(redis),
      endpointStats: endpointStatsScript(redis),
      retryFailed: retryFailedScript(redis),
    };
  }

  putEndpoint(
    endpoint: WebhookEndpoint,
    mode: 'create' | 'update' | 'restore',
    options: { reenable?: boolean; restoredDisabled?: { disabledAt: number; disabledReason: string } | null; maxEndpoints?: number } = {},
  ): Promise<boolean> {
    return withRedis(() => this.scripts.put(webhookKeys(endpoint.tenantId), endpoint.id, definitionJson(endpoint), mode, options));
  }

  deleteEndpoint(tenantId: number, endpointId: string): Promise<boolean> {
    return withRedis(() => this.scripts.delete(webhookKeys(tenantId), endpointId));
  }

  readDefinitions(tenantId: number): Promise<Map<string, string>> {
    return withRedis(async () => new Map(Object.entries(await this.redis.hgetall(webhookKeys(tenantId).endpoints))));
  }

  readHealth(tenantId: number): Promise<Map<string, EndpointHealth>> {
    return withRedis(async () => {
      const raw = await this.redis.hgetall(webhookKeys(tenantId).health);
      const health = new Map<string, EndpointHealth>();
      for (const [id, json] of Object.entries(raw)) {
        const h = JSON.parse(json) as StoredHealth;
        health.set(id, { failingSince: iso(h.failingSince), disabledAt: iso(h.disabledAt), disabledReason: h.disabledReason ?? null });
      }
      return health;
    });
  }

  listTenants(): Promise<number[]> {
    return withRedis(async () => (await this.redis.smembers(WEBHOOK_TENANTS_KEY)).map(Number).sort((a, b) => a - b));
  }

  addTenant(tenantId: number): Promise<void> {
    return withRedis(async () => void (await this.redis.sadd(WEBHOOK_TENANTS_KEY, String(tenantId))));
  }

  removeTenant(tenantId: number): Promise<void> {
    return withRedis(async () => void (await this.redis.srem(WEBHOOK_TENANTS_KEY, String(tenantId))));
  }

  async pump(
    tenantId: number,
    args: {
      now: number;
      firstDelayMs: number;
      fanoutLimit: number;
      claimLimit: number;
      leaseMs: number;
      token: string;
      room?: Map<string, number>;
      pausedDeliveries?: number;
    },
  ): Promise<PumpResult> {
    const reply = await withRedis(() => this.scripts.pump(tenantId, webhookKeys(tenantId), args));
    const endpoints = new Map<string, WebhookEndpoint>();
    for (const [id, json] of reply.endpoints) endpoints.set(id, JSON.parse(json) as WebhookEndpoint);
    const claims: ClaimedDelivery[] = reply.claims.map((c) => ({
      endpoint: endpoints.get(c.endpointId)!,
      eventId: c.eventId,
      type: c.type,
      data: c.data,
      attempts: c.attempts,
    }));
    return { created: reply.created, moreEvents: reply.moreEvents, nextDue: reply.nextDue, gap: reply.gap, claims, dropped: reply.dropped };
  }

  complete(tenantId: number, token: string, o: AttemptOutcome) {
    return withRedis(() =>
      this.scripts.complete(webhookKeys(tenantId), {
        endpointId: o.endpointId,
        eventId: o.eventId,
        token,
        outcome: o.outcome,
        now: o.now,
        nextAttemptAt: o.nextAttemptAt,
        statusCode: o.result.statusCode,
        error: o.error,
        durationMs: o.result.durationMs,
        response: o.result.response,
        disableAfterMs: o.disableAfterMs,
        disableAfterText: formatDuration(o.disableAfterMs),
      }),
    );
  }

  async retryDelivery(tenantId: number, endpointId: string, eventId: string, now: number) {
    const reply = await withRedis(() => this.scripts.retry(webhookKeys(tenantId), endpointId, eventId, now));
    if (reply.kind === 'ok') return { kind: 'ok' as const, delivery: toDeliveryView(endpointId, eventId, reply.stateJson) };
    return reply;
  }

  async listDeliveries(tenantId: number, endpointId: string, status: DeliveryStatus | null, cursor: string | null, limit: number) {
    const page = await withRedis(() => this.scripts.list(webhookKeys(tenantId), endpointId, status, cursor, limit));
    if (!page) return null;
    return { nextCursor: page.nextCursor, deliveries: page.deliveries.map((d) => toDeliveryView(endpointId, d.eventId, d.stateJson)) };
  }

  getDelivery(tenantId: number, endpointId: string, eventId: string) {
    return withRedis(async () => {
      const keys = webhookKeys(tenantId).endpoint(endpointId);
      const [state, data] = await Promise.all([this.redis.hget(keys.states, eventId), this.redis.hget(keys.payloads, eventId)]);
      return state ? { ...toDeliveryView(endpointId, eventId, state), data } : null;
    });
  }

  trimLog(tenantId: number, endpointId: string, keepFromMs: number, most: number): Promise<number> {
    return withRedis(() => this.scripts.trim(webhookKeys(tenantId), endpointId, keepFromMs, most, 1000));
  }

  pendingStats(tenantId: number) {
    return withRedis(() => this.scripts.stats(webhookKeys(tenantId)));
  }

  async endpointStats(tenantId: number, endpointId: string, now: number): Promise<EndpointFigures | null> {
    const stored = await withRedis(() => this.scripts.endpointStats(webhookKeys(tenantId), endpointId, now));
    if (!stored) return null;
    const window = (f: StoredFigures): WindowFigures => ({
      attempts: f.a,
      attemptsSucceeded: f.ok,
      deliveriesSucceeded: f.d,
      deliveriesFailed: f.f,
      durationCounts: f.h,
    });
    const { last } = stored;
    return {
      lastHour: window(stored.hour),
      last24Hours: window(stored.day),
      pending: stored.pending,
      oldestPendingEventId: stored.oldest || null,
      lastSuccessAt: last.okAt ? Number(last.okAt) : null,
      lastFailure: last.failAt
        ? { at: Number(last.failAt), statusCode: last.failStatus ? Number(last.failStatus) : null, error: last.failError || null }
        : null,
      dropped: Number(last.dropped ?? 0),
      lastDroppedAt: last.droppedAt ? Number(last.droppedAt) : null,
    };
  }

  retryFailed(tenantId: number, endpointId: string, now: number, most: number) {
    return withRedis(() => this.scripts.retryFailed(webhookKeys(tenantId), endpointId, now, most));
  }
}
