/**
 * What the domain needs of storage for availability: the stock levels in the hot store and their
 * durable copy. Re-exported by ports.ts with the other ports.
 */
import type { PairStock, StockCount, StockCountOutcome, StockLevel, StockLevelPage } from './stock.js';

/** The on-hand levels of tracked (origin, article) pairs in the hot store, read by every if-available write. */
export interface StockStore {
  /** Sets each pair's level as counted at `count.asOf`; a pair counted later keeps its level (stale). */
  setLevels(tenantId: number, count: StockCount): Promise<StockCountOutcome>;
  /** A pair's level and what orders in progress reserve there (expired orders purged first). */
  getPair(tenantId: number, code: string, artGuid: string, now: number): Promise<PairStock>;
  /** Whether the tenant tracks any pair. */
  hasLevels(tenantId: number): Promise<boolean>;
  /** Every tracked pair's level as Redis holds it. */
  listLevels(tenantId: number): Promise<ArchivedLevel[]>;
  /** Refuses (QuotaExceeded) a count that would track more pairs than the tenant's stockLevels quota. */
  ensureRoom(tenantId: number, count: StockCount): Promise<void>;
  /** A page of the tracked pairs (with at most `maxAvailable` available, when given); expired orders purged first. */
  listPairs(tenantId: number, page: { cursor: string | null; limit: number; maxAvailable?: number }, now: number): Promise<StockLevelPage>;
  /** Stops tracking a pair: true when it was tracked. */
  untrack(tenantId: number, code: string, artGuid: string, now: number): Promise<boolean>;
  /** Writes archived levels back after a loss, each where Redis has none counted later. */
  restoreLevels(tenantId: number, levels: ArchivedLevel[]): Promise<void>;
}

/** A tracked pair's level as archived: when it was counted travels with it. */
export interface ArchivedLevel extends StockLevel {
  asOf: string;
}

/** The durable copy of the stock levels (MongoDB), which the hot store is restored from. */
export interface StockArchive {
  /** Keeps each level unless the archive holds one of its pair counted later. */
  putLevels(tenantId: number, levels: ArchivedLevel[]): Promise<void>;
  deleteLevel(tenantId: number, code: string, artGuid: string): Promise<void>;
  listLevels(tenantId: number): Promise<ArchivedLevel[]>;
  listTenants(): Promise<number[]>;
}
