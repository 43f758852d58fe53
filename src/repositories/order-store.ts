import { randomBytes } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { StaleWrite } from '../domain/errors.js';
import { isExpired, type Order } from '../domain/order.js';
import type { OrderChange, OrderStore, ReplaceSummary, UpsertOutcome } from '../domain/ports.js';
import {
  computeReservations,
  emptyArticle,
  sortArticles,
  sortOrigins,
  sortStockOrigins,
  type ArticleReservation,
  type StockOriginReservation,
  type StockOriginTotals,
} from '../domain/reservation.js';
import { TENANT_REGISTRY_KEYS, tenantKeys } from './keys.js';
import * as scripts from './order-scripts.js';
import { withRedis } from './redis-client.js';

type RedisLike = Redis | Cluster;
type Script = (key: string, ...args: (string | number)[]) => Promise<unknown>;

const REGISTRY_REFRESH_MS = 2000;

/**
 * How many arguments (≈ 13 per 3-line order) one staging script takes: small enough to keep Redis
 * free for others. On the 2-core benchmark machine (bench/RESULTS.md, PUT of 100,000 orders) a
 * chunk of 20,000 held Redis up to ~47 ms, of 10,000 ~24 ms (p50) and up to 49 ms when the machine
 * preempted Redis; 5,000 keeps a chunk near 12 ms, well inside the 50 ms budget.
 */
const STAGE_CHUNK_ARGS = 5_000;

/** Stored form of an order: its JSON without tenantId (the key implies it), fields in contract order. */
export function encodeStoredOrder(order: Order): string {
  return JSON.stringify({
    orderId: order.orderId,
    lastUpdated: order.lastUpdated,
    expiresAt: order.expiresAt,
    type: order.type,
    lines: order.lines.map((l) => ({ code: l.code, artGuid: l.artGuid, qty: l.qty })),
  });
}

/** The Order's JSON as served, from its stored form, without parsing it. */
export function storedOrderToJson(tenantId: number, stored: string): string {
  return `{"tenantId":${tenantId},${stored.slice(1)}`;
}

export function decodeStoredOrder(tenantId: number, stored: string): Order {
  const { orderId, lastUpdated, expiresAt, type, lines } = JSON.parse(stored) as Omit<Order, 'tenantId'>;
  const order: Order = { orderId, tenantId, lastUpdated, type, lines };
  if (expiresAt !== undefined) order.expiresAt = expiresAt;
  return order;
}

function expiresAtArg(order: Order): string {
  return order.expiresAt === undefined ? '' : String(Date.parse(order.expiresAt));
}

/** `now` as the scripts compare it with stored dates (normalised ISO-8601 strings order like time). */
function isoOf(now: number): string {
  return new Date(now).toISOString();
}

/** A generation's keys (keys.ts) with the tenant's `gen` and `dirty` keys: what the hot scripts take. */
type HotKeys = ReturnType<ReturnType<typeof tenantKeys>['generation']> & { gen: string; dirty: string; visible: string };

/**
 * The arguments of UPSERT_ORDER for the order's figures (see there): its quantity and lines per
 * origin, and its quantity per (origin, article) with the keys of that pair's figures.
 * None for an order already expired: it reserves nothing.
 */
function upsertFigureArgs(order: Order, keys: HotKeys, expired: boolean): (string | number)[] {
  if (expired) return [0, 0];
  const { origins } = computeReservations([order]);
  const args: (string | number)[] = [origins.size];
  const pairArgs: (string | number)[] = [];
  for (const { code, reservedQty, lineCount, articles } of origins.values()) {
    args.push(code, reservedQty, lineCount);
    for (const { artGuid, qty } of articles) pairArgs.push(code, artGuid, qty, keys.origin(code), keys.article(artGuid));
  }
  args.push(pairArgs.length / 5, ...pairArgs);
  return args;
}

/** How many times a hot script is tried again at the generation it found visible (PUT switched it meanwhile). */
const GENERATION_RETRIES = 5;

function flatLines(order: Order): (string | number)[] {
  const out: (string | number)[] = [];
  for (const l of order.lines) out.push(l.code, l.artGuid, l.qty);
  return out;
}

function pairsToMap(flat: string[]): [string, number][] {
  const out: [string, number][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, Number(flat[i + 1])]);
  return out;
}

/**
 * The hot store: orders and their reservation figures in Redis, one tenant per hash tag.
 * See keys.ts for the layout and order-scripts.ts for the invariant every write keeps.
 */
export class RedisOrderStore implements OrderStore {
  /** Tenants this process registered in the registry, and when: re-registered every few seconds. */
  private readonly knownTenants = new Map<number, number>();
  private readonly script: Record<keyof typeof SCRIPT_NAMES, Script>;
  private readonly upsertScript: Script;
  private readonly getScript: Script;
  /** Change tokens: this process's random prefix and a counter, so every write's is unique. */
  private readonly tokenPrefix = randomBytes(6).toString('base64url');
  private tokenCount = 0;
  /** The visible generation of each tenant, as last seen: the hot scripts check it and answer the right one. */
  private readonly hotKeys = new Map<number, HotKeys>();

  constructor(private readonly redis: RedisLike) {
    for (const [name, lua] of Object.entries(SCRIPT_NAMES)) {
      if (!(name in redis)) redis.defineCommand(name, { numberOfKeys: 1, lua: scripts[lua] });
    }
    // The hot scripts take their keys from the caller (see UPSERT_ORDER and GET_ORDER).
    if (!('upsertOrder' in redis)) redis.defineCommand('upsertOrder', { numberOfKeys: 7, lua: scripts.UPSERT_ORDER });
    if (!('getOrder' in redis)) redis.defineCommand('getOrder', { numberOfKeys: 2, lua: scripts.GET_ORDER });
    this.upsertScript = (redis as unknown as Record<string, Script>).upsertOrder!.bind(redis);
    this.getScript = (redis as unknown as Record<string, Script>).getOrder!.bind(redis);
    this.script = Object.fromEntries(
      Object.keys(SCRIPT_NAMES).map((name) => [name, (redis as unknown as Record<string, Script>)[name]!.bind(redis)]),
    ) as Record<keyof typeof SCRIPT_NAMES, Script>;
    // A Redis that restarted empty no longer lists our tenants: register them again.
    redis.on('ready', () => this.knownTenants.clear());
    // On a Cluster, 'ready' is the whole cluster's: a shard that restarted shows up as a new node.
    redis.on('+node', () => this.knownTenants.clear());
  }

  /**
   * Lists the tenant in the registry (`r:tenants` and its copies, keys.ts: what the expiry sweeper
   * and the sync walk). The registry is a
   * global key, so it cannot be written by the tenant's scripts (another Cluster slot); it is
   * written at most every few seconds per tenant, so that a Redis emptied by FLUSHALL without a
   * reconnection is repopulated quickly. `always` skips the cache (restore).
   */
  private async registerTenant(tenantId: number, always = false): Promise<void> {
    const now = Date.now();
    if (!always && now - (this.knownTenants.get(tenantId) ?? -Infinity) < REGISTRY_REFRESH_MS) return;
    // Every copy of the registry (keys.ts); one written is enough to go on, all of them to cache.
    const added = await Promise.allSettled(TENANT_REGISTRY_KEYS.map((key) => this.redis.sadd(key, String(tenantId))));
    const failed = added.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length === added.length) throw failed[0]!.reason;
    if (failed.length === 0) this.knownTenants.set(tenantId, now);
  }

  private run(tenantId: number, name: keyof typeof SCRIPT_NAMES, ...args: (string | number)[]) {
    const keys = tenantKeys(tenantId);
    return this.script[name](keys.gen, keys.prefix, ...args);
  }

  private keysAt(tenantId: number, gen?: string): HotKeys {
    const cached = this.hotKeys.get(tenantId);
    if (cached && (gen === undefined || cached.visible === gen)) return cached;
    const tenant = tenantKeys(tenantId);
    const keys = { ...tenant.generation(gen ?? '0'), gen: tenant.gen, dirty: tenant.dirty, visible: gen ?? '0' };
    this.hotKeys.set(tenantId, keys);
    return keys;
  }

  /**
   * Runs a hot script against the generation last seen visible; `attempt` answers the value, or
   * the generation the script found visible instead (nothing was done): it is tried again there.
   */
  private async atVisibleGeneration<T>(tenantId: number, attempt: (keys: HotKeys) => Promise<{ value: T } | { gen: string }>): Promise<T> {
    let keys = this.keysAt(tenantId);
    for (let i = 0; ; i++) {
      const outcome = await attempt(keys);
      if ('value' in outcome) return outcome.value;
      if (i >= GENERATION_RETRIES) throw new Error(`tenant ${tenantId} changed generation ${GENERATION_RETRIES} times during one call`);
      keys = this.keysAt(tenantId, outcome.gen);
    }
  }

  /**
   * A token unique to one script call, recorded with each order it changes: a sync forgets a
   * change only if the order's token is still the one it read (no write came since).
   */
  private changeToken(): string {
    this.tokenCount += 1;
    return this.tokenPrefix + this.tokenCount.toString(36);
  }

  upsertOrder(order: Order, now: number): Promise<UpsertOutcome> {
    return withRedis(async () => {
      await this.registerTenant(order.tenantId);
      const json = encodeStoredOrder(order);
      const expiresAtMs = expiresAtArg(order);
      const expired = isExpired(order, now);
      const nowIso = isoOf(now);
      const token = this.changeToken();
      const reply = await this.atVisibleGeneration<[number, string?]>(order.tenantId, async (keys) => {
        const r = (await this.upsertScript(
          keys.gen,
          keys.orders,
          keys.expiries,
          keys.originQty,
          keys.originLines,
          keys.originOrders,
          keys.dirty,
          keys.visible,
          keys.prefix,
          order.orderId,
          json,
          order.lastUpdated,
          expiresAtMs,
          order.expiresAt ?? '',
          now,
          nowIso,
          token,
          ...upsertFigureArgs(order, keys, expired),
        )) as [number, string?];
        return r[0] === -2 ? { gen: r[1]! } : { value: r };
      });
      if (reply[0] === -1) throw new StaleWrite(order.orderId, reply[1]!, order.lastUpdated);
      return reply[0] === 1 ? 'created' : 'redefined';
    });
  }

  private stored(tenantId: number, orderId: string, now: number): Promise<string | null> {
    const nowIso = isoOf(now);
    return this.atVisibleGeneration<string | null>(tenantId, async (keys) => {
      const r = (await this.getScript(keys.gen, keys.orders, keys.visible, orderId, nowIso)) as string | [string] | null;
      return Array.isArray(r) ? { gen: r[0] } : { value: r };
    });
  }

  /** The order's JSON exactly as served, or null: the fast path of GET. */
  getOrderJson(tenantId: number, orderId: string, now: number): Promise<string | null> {
    return withRedis(async () => {
      const stored = await this.stored(tenantId, orderId, now);
      return stored === null ? null : storedOrderToJson(tenantId, stored);
    });
  }

  getOrder(tenantId: number, orderId: string, now: number): Promise<Order | null> {
    return withRedis(async () => {
      const stored = await this.stored(tenantId, orderId, now);
      return stored === null ? null : decodeStoredOrder(tenantId, stored);
    });
  }

  getOrders(tenantId: number, orderIds: string[], now: number): Promise<(Order | null)[]> {
    if (orderIds.length === 0) return Promise.resolve([]);
    return withRedis(async () => {
      const stored = (await this.run(tenantId, 'getOrders', isoOf(now), ...orderIds)) as (string | null)[];
      return stored.map((s) => (s ? decodeStoredOrder(tenantId, s) : null));
    });
  }

  deleteOrder(tenantId: number, orderId: string, now: number): Promise<boolean> {
    return withRedis(async () => (await this.run(tenantId, 'deleteOrder', orderId, isoOf(now), this.changeToken())) === 1);
  }

  deleteOrderLinesAtOrigin(tenantId: number, orderId: string, code: string, now: number): Promise<boolean> {
    return withRedis(async () => (await this.run(tenantId, 'deleteOrderLinesAtOrigin', orderId, code, isoOf(now), this.changeToken())) === 1);
  }

  getStockOrigin(tenantId: number, code: string, now: number): Promise<StockOriginReservation> {
    return withRedis(async () => {
      const [qty, lines, orders, articles] = (await this.run(tenantId, 'getStockOrigin', code, now, this.changeToken())) as [
        string,
        string,
        string,
        string[],
      ];
      return {
        code,
        reservedQty: Number(qty),
        lineCount: Number(lines),
        orderCount: Number(orders),
        articles: sortArticles(pairsToMap(articles).map(([artGuid, qty]) => ({ artGuid, qty }))),
      };
    });
  }

  listStockOrigins(tenantId: number, now: number, limit: number): Promise<{ total: number; origins: StockOriginTotals[] }> {
    return withRedis(async () => {
      const [qty, lines, orders] = (await this.run(tenantId, 'listStockOrigins', now, this.changeToken())) as [string[], string[], string[]];
      const lineCounts = new Map(pairsToMap(lines));
      const orderCounts = new Map(pairsToMap(orders));
      const origins = pairsToMap(qty).map(([code, reservedQty]) => ({
        code,
        reservedQty,
        lineCount: lineCounts.get(code) ?? 0,
        orderCount: orderCounts.get(code) ?? 0,
      }));
      return { total: origins.length, origins: sortStockOrigins(origins).slice(0, limit) };
    });
  }

  getArticle(tenantId: number, artGuid: string, now: number): Promise<ArticleReservation> {
    return withRedis(async () => {
      const flat = (await this.run(tenantId, 'getArticle', artGuid, now, this.changeToken())) as string[];
      const article = emptyArticle(artGuid);
      article.origins = sortOrigins(pairsToMap(flat).map(([code, qty]) => ({ code, qty })));
      article.reservedQty = article.origins.reduce((sum, o) => sum + o.qty, 0);
      return article;
    });
  }

  expireDueOrders(tenantId: number, now: number, limit: number): Promise<number> {
    return withRedis(async () => (await this.run(tenantId, 'expireDueOrders', now, limit, this.changeToken())) as number);
  }

  /** The union of the registry's copies: a copy lost with its Cluster master hides no tenant. */
  listTenants(): Promise<number[]> {
    return withRedis(async () => {
      const copies = await Promise.allSettled(TENANT_REGISTRY_KEYS.map((key) => this.redis.smembers(key)));
      const read = copies.filter((r): r is PromiseFulfilledResult<string[]> => r.status === 'fulfilled');
      if (read.length === 0) throw (copies[0] as PromiseRejectedResult).reason;
      return [...new Set(read.flatMap((r) => r.value))].map(Number).sort((a, b) => a - b);
    });
  }

  /**
   * Replaces the tenant's whole order set: the new set is staged, chunk by chunk, into a
   * generation nobody reads yet, then made visible in one step. Redis is never busy for long and
   * readers see either the old set or the new one. Concurrent replacements: the first switch wins,
   * the other one's staged generation is discarded and it is told to retry (callers serialise
   * replacements with the tenant lock, so this is a safety net).
   */
  replaceAllOrders(tenantId: number, orders: Order[], now: number): Promise<ReplaceSummary> {
    return withRedis(async () => {
      await this.registerTenant(tenantId);
      const keys = tenantKeys(tenantId);
      const visibleGen = (await this.redis.get(keys.gen)) ?? '0';
      const stagedGen = String(await this.redis.incr(keys.genSeq));
      // A generation number is never reused; make sure nothing is left under it all the same.
      await this.redis.rpush(keys.gc, stagedGen);
      let existing = 0;
      let chunk: (string | number)[] = [];
      let chunkOrders = 0;
      const flush = async () => {
        if (chunkOrders === 0) return;
        existing += (await this.run(tenantId, 'stageOrders', stagedGen, now, chunkOrders, ...chunk)) as number;
        chunk = [];
        chunkOrders = 0;
      };
      for (const order of orders) {
        chunk.push(order.orderId, encodeStoredOrder(order), expiresAtArg(order), order.lines.length, ...flatLines(order));
        chunkOrders += 1;
        if (chunk.length >= STAGE_CHUNK_ARGS) await flush();
      }
      await flush();
      const reply = (await this.run(tenantId, 'switchGeneration', stagedGen, visibleGen)) as number[];
      if (reply[0] !== 1) throw new Error('concurrent replacement of the same tenant');
      await this.redis.lrem(keys.gc, 1, stagedGen);
      const [, orderCount, oldCount] = reply as [number, number, number];
      return { orderCount, removedCount: Math.max(0, oldCount - existing) };
    });
  }

  /** Deletes the keys of generations no longer visible. Safe to run anytime, from any replica. */
  collectGarbage(tenantId: number): Promise<number> {
    return withRedis(async () => {
      const keys = tenantKeys(tenantId);
      const pending = await this.redis.lrange(keys.gc, 0, -1);
      const visible = (await this.redis.get(keys.gen)) ?? '0';
      let collected = 0;
      for (const gen of pending) {
        // Generations above the visible one are staged replacements, maybe still being filled.
        if (Number(gen) >= Number(visible)) continue;
        const g = keys.generation(gen);
        const codes = await this.redis.hkeys(g.originQty);
        const articles = new Set<string>();
        for (const code of codes) for (const art of await this.redis.hkeys(g.origin(code))) articles.add(art);
        const doomed = [
          ...codes.map(g.origin),
          ...[...articles].map(g.article),
          g.orders,
          g.expiries,
          g.originQty,
          g.originLines,
          g.originOrders,
        ];
        for (let i = 0; i < doomed.length; i += 500) await this.redis.unlink(...doomed.slice(i, i + 500));
        await this.redis.lrem(keys.gc, 0, gen);
        collected += 1;
      }
      return collected;
    });
  }

  /**
   * Brings the Redis data of an earlier build to this layout (see UPGRADE_ORIGIN_QTY): run at start,
   * before serving, so that no write meets a figure of the wrong type. Answers how many tenants it converted.
   */
  upgradeLayout(): Promise<number> {
    return withRedis(async () => {
      let converted = 0;
      for (const tenantId of await this.listTenants()) {
        const keys = tenantKeys(tenantId);
        const gens = new Set([(await this.redis.get(keys.gen)) ?? '0', ...(await this.redis.lrange(keys.gc, 0, -1))]);
        const count = (await this.redis.eval(scripts.UPGRADE_ORIGIN_QTY, 1, keys.gen, keys.prefix, ...gens)) as number;
        if (count > 0) converted += 1;
      }
      return converted;
    });
  }

  async *scanOrders(tenantId: number, batchSize: number, now: number): AsyncIterable<Order[]> {
    const keys = tenantKeys(tenantId);
    const gen = await withRedis(async () => (await this.redis.get(keys.gen)) ?? '0');
    const g = keys.generation(gen);
    let cursor = '0';
    do {
      const [next, flat] = await withRedis(() => this.redis.hscan(g.orders, cursor, 'COUNT', batchSize));
      cursor = next;
      const batch: Order[] = [];
      for (let i = 0; i < flat.length; i += 2) {
        const order = decodeStoredOrder(tenantId, flat[i + 1]!);
        if (order.expiresAt === undefined || Date.parse(order.expiresAt) > now) batch.push(order);
      }
      if (batch.length > 0) yield batch;
    } while (cursor !== '0');
  }

  readChanges(tenantId: number, cursor: string, count: number): Promise<{ cursor: string; changes: OrderChange[] }> {
    return withRedis(async () => {
      const [next, flat] = await this.redis.hscan(tenantKeys(tenantId).dirty, cursor, 'COUNT', count);
      return { cursor: next, changes: pairsToMap(flat).map(([orderId], i) => ({ orderId, token: flat[i * 2 + 1]! })) };
    });
  }

  ackChanges(tenantId: number, changes: OrderChange[]): Promise<void> {
    if (changes.length === 0) return Promise.resolve();
    return withRedis(async () => {
      const args = changes.flatMap((c) => [c.orderId, c.token]);
      await this.redis.eval(scripts.ACK_CHANGES, 1, tenantKeys(tenantId).dirty, tenantKeys(tenantId).prefix, ...args);
    });
  }

  countPendingChanges(tenantId: number): Promise<number> {
    return withRedis(() => this.redis.hlen(tenantKeys(tenantId).dirty));
  }

  restoreOrders(tenantId: number, orders: Order[], now: number): Promise<number> {
    if (orders.length === 0) return Promise.resolve(0);
    return withRedis(async () => {
      await this.registerTenant(tenantId, true);
      const args: (string | number)[] = [];
      for (const o of orders) {
        args.push(o.orderId, encodeStoredOrder(o), o.lastUpdated, expiresAtArg(o), o.lines.length, ...flatLines(o));
      }
      return (await this.run(tenantId, 'restoreOrders', now, orders.length, ...args)) as number;
    });
  }
}

const SCRIPT_NAMES = {
  getOrders: 'GET_ORDERS',
  deleteOrder: 'DELETE_ORDER',
  deleteOrderLinesAtOrigin: 'DELETE_ORDER_LINES_AT_ORIGIN',
  expireDueOrders: 'EXPIRE_DUE_ORDERS',
  getStockOrigin: 'GET_STOCK_ORIGIN',
  listStockOrigins: 'LIST_STOCK_ORIGINS',
  getArticle: 'GET_ARTICLE',
  stageOrders: 'STAGE_ORDERS',
  switchGeneration: 'SWITCH_GENERATION',
  restoreOrders: 'RESTORE_ORDERS',
} as const;
