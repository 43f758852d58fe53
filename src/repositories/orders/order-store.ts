import { InsufficientStock, InvalidCursor, StaleWrite } from '../../domain/errors.js';
import { type QuotaReader, QuotaExceeded } from '../../domain/quotas.js';
import type { ReservationPolicy } from '../../domain/stock.js';
import type { IdempotencyKeyUse } from '../../domain/idempotency.js';
import { isExpired, type Order } from '../../domain/order.js';
import type { OrderPage, OrderStore, ShipmentItem, Shipped, UpsertOutcome } from '../../domain/ports.js';
import type { OrderKeys } from '../keys.js';
import { deleteOrderScript } from '../redis-scripts/delete-order.js';
import { holdOrderScript } from '../redis-scripts/hold-order.js';
import { deleteOrderLinesAtOriginScript } from '../redis-scripts/delete-order-lines-at-origin.js';
import { expireDueOrdersScript } from '../redis-scripts/expire-due-orders.js';
import { getOrderScript } from '../redis-scripts/get-order.js';
import { getOrdersScript } from '../redis-scripts/get-orders.js';
import { listOrdersScript, type OrderFilter, type WalkPosition } from '../redis-scripts/list-orders.js';
import type { RedisLike } from '../redis-scripts/lua-script.js';
import type { IdempotencyStamp, Moved, WriteContext } from '../redis-scripts/order-script.js';
import { restoreOrdersScript } from '../redis-scripts/restore-orders.js';
import { shipOrderLinesScript } from '../redis-scripts/ship-order-lines.js';
import { decodeUpsertReply, upsertOrderScript, type UpsertOrderOutcome } from '../redis-scripts/upsert-order.js';
import { redisFailures, withRedis } from '../redis-client.js';
import type { ChangeTokens } from './change-tokens.js';
import type { TenantGenerations } from './generations.js';
import type { IdempotentCalls } from './idempotent-calls.js';
import { decodeStoredOrder, encodeStoredOrder, storedOrderToJson } from './stored-order.js';
import type { RedisTenantRegistry } from './tenant-registry.js';

/**
 * `now` as scripts compare it with stored dates (normalised ISO-8601 strings order like time).
 * The last one is kept: the requests of one millisecond share their clock reading, and a `Date`
 * and its `toISOString` per request cost more than the rest of the store's work on a get.
 */
export function isoOf(now: number): string {
  if (now !== lastIso.now) {
    lastIso.now = now;
    lastIso.iso = new Date(now).toISOString();
  }
  return lastIso.iso;
}
const lastIso = { now: Number.NaN, iso: '' };

/** Items of a wave of shipments per script call: each item is a delete at one origin. */
const SHIPMENT_CHUNK = 100;

export interface OrderStoreSettings {
  /** About how many events each tenant's stream keeps. */
  eventsMax: number;
}

/** What every write script is told (order-script.ts), for one call. */
export function writeContext(
  tokens: ChangeTokens,
  settings: OrderStoreSettings,
  tenantId: number,
  now: number,
  stamp?: IdempotencyStamp,
): WriteContext {
  return { tenantId, now, nowIso: isoOf(now), token: tokens.next(), eventsMax: settings.eventsMax, idempotency: stamp };
}

/**
 * The tenant's orders in Redis, one script call per operation, each keeping the figures, indexes,
 * counters, change records and events exact (redis-scripts/). Layout: keys.ts.
 */
export class RedisOrderStore implements OrderStore {
  private readonly scripts;

  constructor(
    private readonly redis: RedisLike,
    private readonly generations: TenantGenerations,
    private readonly registry: RedisTenantRegistry,
    private readonly tokens: ChangeTokens,
    private readonly idempotent: IdempotentCalls,
    private readonly settings: OrderStoreSettings,
    private readonly quotas?: QuotaReader,
  ) {
    this.scripts = {
      upsert: upsertOrderScript(redis),
      get: getOrderScript(redis),
      getMany: getOrdersScript(redis),
      delete: deleteOrderScript(redis),
      hold: holdOrderScript(redis),
      deleteLinesAtOrigin: deleteOrderLinesAtOriginScript(redis),
      ship: shipOrderLinesScript(redis),
      expireDue: expireDueOrdersScript(redis),
      restore: restoreOrdersScript(redis),
      list: listOrdersScript(redis),
    };
  }

  private context(tenantId: number, now: number, stamp?: IdempotencyStamp): WriteContext {
    return writeContext(this.tokens, this.settings, tenantId, now, stamp);
  }

  upsertOrder(order: Order, now: number, use?: IdempotencyKeyUse, policy?: ReservationPolicy): Promise<UpsertOutcome> {
    return withRedis(async () => {
      const quotas = await this.quotas?.of(order.tenantId);
      if (quotas && order.lines.length > quotas.linesPerOrder) {
        throw new QuotaExceeded('linesPerOrder', quotas.linesPerOrder, `order ${order.orderId} has ${order.lines.length} lines`);
      }
      await this.registry.register(order.tenantId);
      const input = {
        order,
        json: encodeStoredOrder(order),
        expired: isExpired(order, now),
        policy,
        maxOrders: quotas?.orders,
      };
      const outcome = await this.idempotent.run<UpsertOrderOutcome>(
        order.tenantId,
        use,
        now,
        (stamp) => {
          const context = this.context(order.tenantId, now, stamp);
          return this.generations.atVisible(order.tenantId, (keys) => this.scripts.upsert(keys, context, input));
        },
        (reply) => decodeUpsertReply(reply) as UpsertOrderOutcome,
      );
      if (outcome.kind === 'stale') throw new StaleWrite(order.orderId, outcome.storedLastUpdated, order.lastUpdated);
      if (outcome.kind === 'short') throw new InsufficientStock(order.orderId, outcome.shortfalls);
      if (outcome.kind === 'quota') throw new QuotaExceeded('orders', outcome.limit, `order ${order.orderId} would be one more`);
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

  /**
   * A write answered true/false by its script ({1} / {0}), under the tenant's visible generation
   * and the request's idempotency key (a retry is answered from the record).
   */
  private answeredWrite(
    tenantId: number,
    now: number,
    use: IdempotencyKeyUse | undefined,
    write: (keys: OrderKeys, context: WriteContext) => Promise<boolean | Moved>,
  ): Promise<boolean> {
    return withRedis(() =>
      this.idempotent.run<boolean>(
        tenantId,
        use,
        now,
        (stamp) => {
          const context = this.context(tenantId, now, stamp);
          return this.generations.atVisible(tenantId, (keys) => write(keys, context));
        },
        (reply) => (reply as unknown[])[0] === 1,
      ),
    );
  }

  deleteOrder(tenantId: number, orderId: string, now: number, use?: IdempotencyKeyUse): Promise<boolean> {
    return this.answeredWrite(tenantId, now, use, (keys, context) => this.scripts.delete(keys, context, orderId));
  }

  holdOrder(tenantId: number, orderId: string, expiresAt: string, now: number, use?: IdempotencyKeyUse): Promise<boolean> {
    return this.answeredWrite(tenantId, now, use, (keys, context) => this.scripts.hold(keys, context, orderId, expiresAt));
  }

  deleteOrderLinesAtOrigin(tenantId: number, orderId: string, code: string, now: number, use?: IdempotencyKeyUse): Promise<boolean> {
    return this.answeredWrite(tenantId, now, use, (keys, context) => this.scripts.deleteLinesAtOrigin(keys, context, orderId, code));
  }

  /**
   * A wave of shipments: each item as deleteOrderLinesAtOrigin (or only an article's lines, or
   * units), on its own, a chunk of items per script call, lowering the tracked pairs' on-hand
   * units by what was shipped. Under an idempotency key each chunk's answers are recorded with it,
   * so a retry after a crash answers what was done from the record and does only the rest.
   */
  shipOrderLines(tenantId: number, items: ShipmentItem[], now: number, use?: IdempotencyKeyUse): Promise<Shipped> {
    // Each chunk is an operation of its own (withRedis).
    return redisFailures(() =>
      this.idempotent.run<Shipped>(
        tenantId,
        use,
        now,
        async (stamp) => {
          const chunks = Math.max(1, Math.ceil(items.length / SHIPMENT_CHUNK));
          const shipped: Shipped = { answers: [], levels: [] };
          for (let chunk = 1; chunk <= chunks; chunk++) {
            const part = items.slice((chunk - 1) * SHIPMENT_CHUNK, chunk * SHIPMENT_CHUNK);
            const done = stamp ? await withRedis(() => this.recordedChunk(tenantId, stamp, chunk)) : null;
            if (done) {
              shipped.answers.push(...done);
              continue;
            }
            const context = this.context(tenantId, now, stamp);
            const { answers, levels } = await withRedis(() =>
              this.generations.atVisible(tenantId, (keys) => this.scripts.ship(keys, context, part, chunk, chunks)),
            );
            shipped.answers.push(...answers);
            for (const { asOfMs, ...level } of levels) shipped.levels.push({ ...level, asOf: new Date(asOfMs).toISOString() });
          }
          return shipped;
        },
        (reply) => ({ answers: ((reply as unknown[][])[0] ?? []).map((answer) => answer === 1), levels: [] }),
      ),
    );
  }

  /** A chunk of shipments a request that stopped half-way already did (its answers), or null. */
  private async recordedChunk(tenantId: number, stamp: IdempotencyStamp, chunk: number): Promise<boolean[] | null> {
    const { idempotency } = this.generations.keysOf(tenantId);
    const recorded = await this.redis.hget(idempotency(stamp.key), `chunk:${chunk}`);
    return recorded === null ? null : (JSON.parse(recorded) as number[]).map((answer) => answer === 1);
  }

  expireDueOrders(tenantId: number, now: number, limit: number): Promise<number> {
    return withRedis(async () => {
      const context = this.context(tenantId, now);
      return this.generations.atVisible(tenantId, (keys) => this.scripts.expireDue(keys, context, limit));
    });
  }

  /**
   * A page of the tenant's orders matching `filter` (list-orders.lua). The cursor is opaque to
   * the caller: the walk it belongs to, where the last page stopped, and the filter it was for.
   */
  listOrders(tenantId: number, filter: OrderFilter, limit: number, cursor: string | null, now: number): Promise<OrderPage> {
    return withRedis(async () => {
      const from = cursor === null ? null : decodeCursor(cursor, filter);
      const context = this.context(tenantId, now);
      const page = await this.generations.atVisible(tenantId, (keys: OrderKeys) => this.scripts.list(keys, context, filter, limit, from));
      return {
        orders: page.orders.map((stored) => decodeStoredOrder(tenantId, stored)),
        nextCursor: page.next === null ? null : encodeCursor(page.next, filter),
      };
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
      // The script writes an order's index entries once, at its end: each order goes once, its latest state.
      const latest = new Map<string, Order>();
      for (const order of orders) {
        const seen = latest.get(order.orderId);
        if (!seen || seen.lastUpdated < order.lastUpdated) latest.set(order.orderId, order);
      }
      const stored = [...latest.values()].map((order) => ({ order, json: encodeStoredOrder(order) }));
      const context = this.context(tenantId, now);
      return this.generations.atVisible(tenantId, (keys) => this.scripts.restore(keys, context, stored));
    });
  }
}

/** What a cursor holds: the walk, where it stopped, and the filter it was handed out for. */
function filterFingerprint(filter: OrderFilter): string {
  return JSON.stringify([
    filter.code ?? '',
    filter.artGuid ?? '',
    filter.type ?? '',
    filter.expiresBefore ?? '',
    filter.updatedSince ?? '',
  ]);
}

function encodeCursor(position: WalkPosition, filter: OrderFilter): string {
  return Buffer.from(JSON.stringify({ w: position.walk, m: position.mark, f: filterFingerprint(filter) })).toString('base64url');
}

const WHOLE_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ENDS_WITH_GUID = /\0[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function decodeCursor(cursor: string, filter: OrderFilter): WalkPosition {
  let parsed: { w?: unknown; m?: unknown; f?: unknown } | null;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    throw new InvalidCursor('not a cursor of this listing');
  }
  // Any JSON parses: null, a number or an array is no cursor either.
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidCursor('not a cursor of this listing');
  if (typeof parsed.w !== 'string' || !/^[*caxtu]$/.test(parsed.w) || typeof parsed.m !== 'string' || parsed.m === '') {
    throw new InvalidCursor('not a cursor of this listing');
  }
  if (parsed.f !== filterFingerprint(filter)) throw new InvalidCursor('it was handed out for other filters');
  // The mark must lie in the walk's own range of index entries: a forged one would list others.
  const prefix: Record<string, string | undefined> = {
    c: filter.code === undefined ? undefined : `c${filter.code}\0`,
    a: filter.artGuid === undefined ? undefined : `a${filter.artGuid}\0`,
    t: filter.type === undefined ? undefined : `t${filter.type}\0`,
    u: filter.updatedSince === undefined ? undefined : 'u',
    x: filter.expiresBefore === undefined ? undefined : 'x',
    '*': '',
  };
  const expected = prefix[parsed.w];
  // It must end with an orderId (the whole mark on the walk '*'): the index holds it as 16 bytes.
  const shape = parsed.w === '*' ? WHOLE_GUID : ENDS_WITH_GUID;
  if (
    expected === undefined ||
    !parsed.m.startsWith(expected) ||
    !shape.test(parsed.m) ||
    (parsed.w === 'u' && parsed.m < `u${filter.updatedSince}`)
  ) {
    throw new InvalidCursor('not a cursor of this listing');
  }
  return { walk: parsed.w, mark: parsed.m };
}
