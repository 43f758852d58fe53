import type { PlanSnapshot, SnapshotRequest } from './simulate.js';
import type { ReservationPolicy } from './stock.js';
import type { ArchivedLevel } from './stock-ports.js';
import type { StockOriginCapacity } from './capacity.js';
import type { IdempotencyKeyUse } from './idempotency.js';
import type { Order, OrderType } from './order.js';
import type { ArticleReservation, ReservationsQuery, StockOriginListItem, StockOriginReservation, TenantSummary } from './reservation.js';
import type { TenantConfig } from './tenant-config.js';

export type { ArchivedLevel, StockArchive, StockStore } from './stock-ports.js';

/**
 * What the domain needs from storage, named for what is stored. `repositories/` implements them
 * on Redis (the source of truth) and MongoDB (the archive).
 */
export type UpsertOutcome = 'created' | 'redefined';

export interface ReplaceSummary {
  orderCount: number;
  removedCount: number;
}

/** One pending change: the order `orderId` changed; `token` identifies that change. */
export interface OrderChange {
  orderId: string;
  token: string;
}

/** One item of a wave of shipments: the order's lines at origin `code` were shipped. */
/**
 * One shipment of a wave: the stock origin `code` shipped its lines of order `orderId`; with
 * `artGuid`, only its lines of that article; with `qty` too, only that many units of them (the
 * first lines first; a line shipped in part keeps the rest).
 */
export interface ShipmentItem {
  orderId: string;
  code: string;
  artGuid?: string;
  qty?: number;
}

/** What a wave of shipments did: per item whether its order exists, and the stock levels it lowered. */
export interface Shipped {
  answers: boolean[];
  levels: ArchivedLevel[];
}

/** Which orders a listing asks for; every filter given must hold. */
export interface OrderFilter {
  /** Orders with a line at this stock origin. */
  code?: string;
  /** Orders with a line of this article. */
  artGuid?: string;
  type?: OrderType;
  /** Orders expiring strictly before this instant (ISO, normalised). */
  expiresBefore?: string;
  /** Orders last updated at or after this instant (ISO, normalised). */
  updatedSince?: string;
}

export interface OrderPage {
  orders: Order[];
  /** Hand it back for the next page; null once the walk is over. */
  nextCursor: string | null;
}

/**
 * The tenant's orders in the hot store, each write keeping the reservation figures, indexes,
 * counters and change feed exact. A write given an IdempotencyKeyUse is carried out once per key
 * (domain/idempotency.ts).
 */
export interface OrderStore {
  /**
   * Creates or redefines an order. `policy` (default: the tenant's configuration) `if-available`
   * refuses, with nothing changed, a write a tracked pair lacks the stock for (InsufficientStock).
   */
  upsertOrder(order: Order, now: number, use?: IdempotencyKeyUse, policy?: ReservationPolicy): Promise<UpsertOutcome>;
  /** The order's JSON exactly as served, or null (absent or expired): GET answers it as is. */
  getOrderJson(tenantId: number, orderId: string, now: number): Promise<string | null>;
  /** The orders among `orderIds` that exist now (null where absent or expired). */
  getOrders(tenantId: number, orderIds: string[], now: number): Promise<(Order | null)[]>;
  /** Every stored order of the tenant, in batches, expired ones left out. */
  scanOrders(tenantId: number, batchSize: number, now: number): AsyncIterable<Order[]>;
  deleteOrder(tenantId: number, orderId: string, now: number, use?: IdempotencyKeyUse): Promise<boolean>;
  deleteOrderLinesAtOrigin(tenantId: number, orderId: string, code: string, now: number, use?: IdempotencyKeyUse): Promise<boolean>;
  /** Moves a live order's expiry (ISO, later than now) without rewriting its lines; false when there is none. */
  holdOrder(tenantId: number, orderId: string, expiresAt: string, now: number, use?: IdempotencyKeyUse): Promise<boolean>;
  /** Each item as deleteOrderLinesAtOrigin, on its own; answers per item whether its order exists. */
  shipOrderLines(tenantId: number, items: ShipmentItem[], now: number, use?: IdempotencyKeyUse): Promise<Shipped>;
  /**
   * A page of the orders matching `filter`. Walking every page with the cursors handed out lists
   * each order that exists throughout exactly once (filters on dates alone: see list-orders.lua).
   */
  listOrders(tenantId: number, filter: OrderFilter, limit: number, cursor: string | null, now: number): Promise<OrderPage>;
  /** Removes orders whose expiresAt has passed, with their reservations; answers how many. */
  expireDueOrders(tenantId: number, now: number, limit: number): Promise<number>;
  /** Writes archived orders back unless the store holds a newer state or a pending change of them. */
  restoreOrders(tenantId: number, orders: Order[], now: number): Promise<number>;
}

/** The reservation figures and counters, as the writes keep them. */
export interface ReservationReader {
  /** One page of the origin's articles (default: the first 1000), with the totals. */
  getStockOrigin(
    tenantId: number,
    code: string,
    now: number,
    page?: { cursor: string | null; limit: number },
  ): Promise<StockOriginReservation>;
  listStockOrigins(tenantId: number, now: number, limit: number): Promise<{ total: number; origins: StockOriginListItem[] }>;
  getArticle(tenantId: number, artGuid: string, now: number): Promise<ArticleReservation>;
  queryReservations(tenantId: number, query: ReservationsQuery, now: number): Promise<ArticleReservation[]>;
  summary(tenantId: number, now: number): Promise<TenantSummary & { lastSync: TenantSyncReport | null }>;
  /** The state what-if plans are judged against, read at once, writing nothing. */
  planSnapshot(tenantId: number, request: SnapshotRequest, now: number): Promise<PlanSnapshot>;
}

/** The stock origins' capacities in the hot store (read by every write, for saturation events). */
export interface CapacityStore {
  /** Sets (null: removes) a capacity, telling the saturation thresholds it makes the origin cross. */
  setCapacity(tenantId: number, code: string, capacity: StockOriginCapacity | null, now: number): Promise<void>;
  getCapacity(tenantId: number, code: string): Promise<StockOriginCapacity | null>;
  /** Writes archived capacities back after a loss, telling nothing. */
  restoreCapacities(tenantId: number, capacities: { code: string; capacity: StockOriginCapacity }[]): Promise<void>;
  hasCapacities(tenantId: number): Promise<boolean>;
}

/** The durable copy of the capacities (MongoDB), which the hot store is restored from. */
export interface CapacityArchive {
  putCapacity(tenantId: number, code: string, capacity: StockOriginCapacity): Promise<void>;
  deleteCapacity(tenantId: number, code: string): Promise<void>;
  listCapacities(tenantId: number): Promise<{ code: string; capacity: StockOriginCapacity }[]>;
  listTenants(): Promise<number[]>;
}

/** Replacing a tenant's whole order set at once: readers see the old set or the new one. */
export interface OrderSetReplacer {
  replaceAllOrders(tenantId: number, orders: Order[], now: number, use?: IdempotencyKeyUse): Promise<ReplaceSummary>;
  /**
   * What a replacement under this key answered, read without taking the key (null: none done
   * yet). Throws IdempotencyKeyReused (another request) or IdempotencyKeyInUse (still running).
   */
  recordedReplacement(tenantId: number, use: IdempotencyKeyUse, now: number): Promise<ReplaceSummary | null>;
  /** Frees what replaced sets left behind; answers how many sets it freed. */
  collectGarbage(tenantId: number): Promise<number>;
}

/** The changes a sync has still to write to the archive: per order, its latest change. */
export interface PendingChanges {
  readChanges(tenantId: number, cursor: string, count: number): Promise<{ cursor: string; changes: OrderChange[] }>;
  /** Forgets changes that are written to the archive, unless the order changed again since. */
  ackChanges(tenantId: number, changes: OrderChange[]): Promise<void>;
  countPendingChanges(tenantId: number): Promise<number>;
}

/** The tenants that have orders in the hot store. */
export interface TenantRegistry {
  listTenants(): Promise<number[]>;
}

export interface TenantConfigStore {
  getConfig(tenantId: number): Promise<TenantConfig | null>;
  putConfig(tenantId: number, config: TenantConfig): Promise<void>;
}

/** The durable copy of the orders (MongoDB), which Redis is restored from. */
export interface OrderArchive {
  /** Writes each order as it stands now; idempotent. `runId` tags the documents of one full pass. */
  writeOrders(orders: Order[], runId: string): Promise<void>;
  deleteOrders(tenantId: number, orderIds: string[]): Promise<void>;
  /** Deletes the tenant's documents that the full pass `runId` did not write; answers how many. */
  deleteOrdersNotWrittenBy(tenantId: number, runId: string): Promise<number>;
  readOrders(tenantId: number, batchSize: number): AsyncIterable<Order[]>;
  countOrders(tenantId: number): Promise<number>;
  listTenants(): Promise<number[]>;
}

export interface TenantConfigArchive {
  getConfig(tenantId: number): Promise<TenantConfig | null>;
  putConfig(tenantId: number, config: TenantConfig): Promise<void>;
  listTenants(): Promise<number[]>;
}

/** A lease on one tenant, held by one replica at a time, with a fencing check. */
export interface TenantLease {
  readonly token: string;
  /** True while this lease is still the one in force (checked before every archive write). */
  isHeld(): Promise<boolean>;
  release(): Promise<void>;
}

export interface TenantLocks {
  tryAcquire(tenantId: number): Promise<TenantLease | null>;
  /** Retries until `waitMs` has passed; null if another holder kept it. */
  acquire(tenantId: number, waitMs: number): Promise<TenantLease | null>;
}

/** Per-tenant facts about the archive, kept beside the orders so they share their fate. */
export interface TenantSyncState {
  /** Whether the tenant's archived orders were restored into this store (or it had none). */
  isRestored(tenantId: number): Promise<boolean>;
  markRestored(tenantId: number): Promise<void>;
  /** Whether a full sync confirmed that the archive mirrors the store (else the next one is full). */
  isMirrored(tenantId: number): Promise<boolean>;
  markMirrored(tenantId: number): Promise<void>;
  /** The archive may no longer mirror the store: the next sync is full. */
  forgetMirrored(tenantId: number): Promise<void>;
  saveLastSync(report: TenantSyncReport): Promise<void>;
  getLastSync(tenantId: number): Promise<TenantSyncReport | null>;
  saveRun(run: SyncRunReport): Promise<void>;
  listRuns(limit: number): Promise<SyncRunReport[]>;
}

export interface TenantSyncReport {
  tenantId: number;
  status: 'synced' | 'skipped' | 'failed';
  mode: 'incremental' | 'full';
  reason?: string;
  ordersWritten: number;
  ordersDeleted: number;
  startedAt: string;
  durationMs: number;
  error?: string;
}

export interface SyncRunReport {
  runId: string;
  trigger: 'schedule' | 'admin' | 'startup';
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  ok: boolean;
  tenants: TenantSyncReport[];
}

/** Who a tenant API key belongs to. */
export interface ApiKeyHolder {
  tenantId: number;
  keyId: string;
}

/** A tenant API key as stored: the SHA-256 of the secret (hex), never the secret. */
export interface ApiKeyRecord {
  id: string;
  tenantId: number;
  hash: string;
  createdAt: string;
  lastUsedAt?: string;
}

/** The durable record of API keys (MongoDB). */
export interface ApiKeyArchive {
  insertKey(record: ApiKeyRecord): Promise<void>;
  findKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  getKey(tenantId: number, keyId: string): Promise<ApiKeyRecord | null>;
  listKeys(tenantId: number): Promise<ApiKeyRecord[]>;
  deleteKey(tenantId: number, keyId: string): Promise<boolean>;
  /** Moves each key's last use forward (never back). */
  recordLastUse(uses: { keyId: string; at: string }[]): Promise<void>;
}

/** The shared, fast copy of the keys in use (Redis), and the channel that announces revocations. */
export interface ApiKeyIndex {
  get(hash: string): Promise<ApiKeyHolder | 'revoked' | null>;
  /** False when the hash is already there (a tombstone, maybe). */
  putIfAbsent(hash: string, holder: ApiKeyHolder): Promise<boolean>;
  markRevoked(hash: string): Promise<void>;
  publishInvalidation(hash: string): Promise<void>;
  /** Calls back with a hash to forget, or null to forget everything (announcements may have been missed). */
  onInvalidation(listener: (hash: string | null) => void): void;
  /** Whether announcements reach this replica right now: a cache is to be trusted only then. */
  readonly listening: boolean;
}

/** One reservation figure that did not match the orders it is made of. */
export interface ReservationDrift {
  /**
   * `reservedQty`, `lineCount`, `orderCount`: an origin's totals; `originArticleQty`: the quantity
   * of `artGuid` at origin `code`; `articleOriginQty`: the same seen from the article;
   * `wrongType`: a figure key holding something else than expected (`code` names the key);
   * `indexEntry`: an order index entry missing (stored null, recomputed 1) or extra (1, 0), `code`
   * naming it (its kind letter, value, a space and the orderId); `counter`: a tenant counter
   * (`code` its name: Order, Cart, ExternalOrder, lines, units, articles); `stockLevel`: a tracked
   * pair's level in Redis (stored: its onHand, null when Redis lacks it) differs from the
   * archive's (recomputed: its onHand, null when the archive lacks it).
   */
  figure:
    | 'reservedQty'
    | 'lineCount'
    | 'orderCount'
    | 'originArticleQty'
    | 'articleOriginQty'
    | 'wrongType'
    | 'indexEntry'
    | 'counter'
    | 'stockLevel';
  code: string;
  artGuid?: string;
  /** What the store held (null: nothing; a string when it was not a number). */
  stored: number | string | null;
  /** What the orders add up to (for stockLevel: the archive's onHand, null when it lacks the pair). */
  recomputed: number | null;
}

export type TenantAuditOutcome =
  | {
      status: 'checked';
      ordersChecked: number;
      driftCount: number;
      /** The first drifts found, up to the limit asked for. */
      drift: ReservationDrift[];
      /** Orders whose stored form could not be read: they reserve nothing once repaired. */
      unreadableOrders: string[];
    }
  | { status: 'too-large'; ordersChecked: number };

/** Checks and repairs the stored reservation figures against the orders themselves. */
export interface ReservationAuditor {
  /**
   * Recomputes every figure of the tenant from its stored orders (`computeReservations` defines
   * them) and, unless `dryRun`, rewrites those that differ, atomically with respect to writes.
   */
  auditTenant(tenantId: number, options: { dryRun: boolean; maxOrders: number; maxReported: number }): Promise<TenantAuditOutcome>;
  /** Before checking many tenants: lets the store do once what each check needs (one keyspace SCAN). */
  beginAudit(): Promise<void>;
  endAudit(): void;
  /** Whether this replica takes the scheduled check: one replica per `ttlMs` does. */
  claimScheduledRun(ttlMs: number): Promise<boolean>;
  /** Units reserved and orders stored per tenant, as the figures say. */
  tenantTotals(tenantIds: number[]): Promise<{ tenantId: number; reservedQty: number; orders: number }[]>;
}

/**
 * A tenant's order list read from its raw body, checked and normalised (intake/order-list-parser.ts:
 * a body over `thresholdBytes` is parsed off the event loop). A body that is no JSON is MalformedBody.
 */
export interface OrderListParsing {
  readonly thresholdBytes: number;
  parse(body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, tenantId: number): Promise<Order[]>;
}
