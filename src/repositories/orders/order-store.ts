import { StaleWrite } from '../../domain/errors.js';
import { isExpired, type Order } from '../../domain/order.js';
import type { OrderStore, UpsertOutcome } from '../../domain/ports.js';
import { deleteOrderScript } from '../redis-scripts/delete-order.js';
import { deleteOrderLinesAtOriginScript } from '../redis-scripts/delete-order-lines-at-origin.js';
import { expireDueOrdersScript } from '../redis-scripts/expire-due-orders.js';
import { getOrderScript } from '../redis-scripts/get-order.js';
import { getOrdersScript } from '../redis-scripts/get-orders.js';
import type { RedisLike } from '../redis-scripts/lua-script.js';
import { restoreOrdersScript } from '../redis-scripts/restore-orders.js';
import { upsertOrderScript } from '../redis-scripts/upsert-order.js';
import { withRedis } from '../redis-client.js';
import type { ChangeTokens } from './change-tokens.js';
import type { TenantGenerations } from './generations.js';
import { decodeStoredOrder, encodeStoredOrder, storedOrderToJson } from './stored-order.js';
import type { RedisTenantRegistry } from './tenant-registry.js';

/** `now` as scripts compare it with stored dates (normalised ISO-8601 strings order like time). */
function isoOf(now: number): string {
  return new Date(now).toISOString();
}

/**
 * The tenant's orders in Redis, one script call per operation, each keeping the figures exact
 * (redis-scripts/includes/figures.lua). Layout: keys.ts.
 */
export class RedisOrderStore implements OrderStore {
  private readonly scripts;

  constructor(
    private readonly redis: RedisLike,
    private readonly generations: TenantGenerations,
    private readonly registry: RedisTenantRegistry,
    private readonly tokens: ChangeTokens,
  ) {
    this.scripts = {
      upsert: upsertOrderScript(redis),
      get: getOrderScript(redis),
      getMany: getOrdersScript(redis),
      delete: deleteOrderScript(redis),
      deleteLinesAtOrigin: deleteOrderLinesAtOriginScript(redis),
      expireDue: expireDueOrdersScript(redis),
      restore: restoreOrdersScript(redis),
    };
  }

  upsertOrder(order: Order, now: number): Promise<UpsertOutcome> {
    return withRedis(async () => {
      await this.registry.register(order.tenantId);
      const input = { order, json: encodeStoredOrder(order), now, nowIso: isoOf(now), token: this.tokens.next(), expired: isExpired(order, now) };
      const outcome = await this.generations.atVisible(order.tenantId, (keys) => this.scripts.upsert(keys, input));
      if (outcome.kind === 'stale') throw new StaleWrite(order.orderId, outcome.storedLastUpdated, order.lastUpdated);
      return outcome.kind;
    });
  }

  /** The order's JSON exactly as served, or null: GET answers it without parsing it. */
  getOrderJson(tenantId: number, orderId: string, now: number): Promise<string | null> {
    return withRedis(async () => {
      const nowIso = isoOf(now);
      const stored = await this.generations.atVisible(tenantId, (keys) => this.scripts.get(keys, orderId, nowIso));
      return stored === null ? null : storedOrderToJson(tenantId, stored);
    });
  }

  getOrders(tenantId: number, orderIds: string[], now: number): Promise<(Order | null)[]> {
    if (orderIds.length === 0) return Promise.resolve([]);
    return withRedis(async () => {
      const nowIso = isoOf(now);
      const stored = await this.generations.atVisible(tenantId, (keys) => this.scripts.getMany(keys, orderIds, nowIso));
      return stored.map((s) => (s ? decodeStoredOrder(tenantId, s) : null));
    });
  }

  deleteOrder(tenantId: number, orderId: string, now: number): Promise<boolean> {
    return withRedis(async () => {
      const nowIso = isoOf(now);
      const token = this.tokens.next();
      return this.generations.atVisible(tenantId, (keys) => this.scripts.delete(keys, orderId, nowIso, token));
    });
  }

  deleteOrderLinesAtOrigin(tenantId: number, orderId: string, code: string, now: number): Promise<boolean> {
    return withRedis(async () => {
      const nowIso = isoOf(now);
      const token = this.tokens.next();
      return this.generations.atVisible(tenantId, (keys) => this.scripts.deleteLinesAtOrigin(keys, orderId, code, nowIso, token));
    });
  }

  expireDueOrders(tenantId: number, now: number, limit: number): Promise<number> {
    return withRedis(async () => {
      const token = this.tokens.next();
      return this.generations.atVisible(tenantId, (keys) => this.scripts.expireDue(keys, now, limit, token));
    });
  }

  async *scanOrders(tenantId: number, batchSize: number, now: number): AsyncIterable<Order[]> {
    const keys = await withRedis(() => this.generations.current(tenantId));
    let cursor = '0';
    do {
      const [next, flat] = await withRedis(() => this.redis.hscan(keys.orders, cursor, 'COUNT', batchSize));
      cursor = next;
      const batch: Order[] = [];
      for (let i = 0; i < flat.length; i += 2) {
        const order = decodeStoredOrder(tenantId, flat[i + 1]!);
        if (!isExpired(order, now)) batch.push(order);
      }
      if (batch.length > 0) yield batch;
    } while (cursor !== '0');
  }

  restoreOrders(tenantId: number, orders: Order[], now: number): Promise<number> {
    if (orders.length === 0) return Promise.resolve(0);
    return withRedis(async () => {
      await this.registry.register(tenantId, true);
      const stored = orders.map((order) => ({ order, json: encodeStoredOrder(order) }));
      return this.generations.atVisible(tenantId, (keys) => this.scripts.restore(keys, stored, now));
    });
  }
}
