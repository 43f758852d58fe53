import type { StockArchive, StockStore } from './ports.js';
import type { StockCount, StockCountOutcome, StockLevelPage } from './stock.js';

export interface StockDeps {
  stock: StockStore;
  stockArchive: StockArchive;
}

/**
 * Sets levels counted at `count.asOf`: refused whole when it would track more pairs than the
 * tenant's stockLevels quota; else durable first (MongoDB keeps, per pair, the level counted
 * last), then in Redis, where every order write reads them. A level counted earlier than the one
 * stored is left as it is, in both.
 */
export async function setStockLevels(deps: StockDeps, tenantId: number, count: StockCount): Promise<StockCountOutcome> {
  await deps.stock.ensureRoom(tenantId, count);
  await deps.stockArchive.putLevels(
    tenantId,
    count.levels.map((level) => ({ ...level, asOf: count.asOf })),
  );
  return deps.stock.setLevels(tenantId, count);
}

/** Stops tracking a pair, in MongoDB first: true when Redis tracked it. */
export async function untrackPair(deps: StockDeps, tenantId: number, code: string, artGuid: string, now: number): Promise<boolean> {
  await deps.stockArchive.deleteLevel(tenantId, code, artGuid);
  return deps.stock.untrack(tenantId, code, artGuid, now);
}

/** The tracked pairs, a page at a time; with `maxAvailable` 0, those out of stock (available ≤ 0). */
export function listStockPairs(
  deps: Pick<StockDeps, 'stock'>,
  tenantId: number,
  page: { cursor: string | null; limit: number; maxAvailable?: number },
  now: number,
): Promise<StockLevelPage> {
  return deps.stock.listPairs(tenantId, page, now);
}
