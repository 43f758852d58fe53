import type { StockArchive, StockStore } from './ports.js';
import type { StockCount, StockCountOutcome } from './stock.js';

export interface StockDeps {
  stock: StockStore;
  stockArchive: StockArchive;
}

/**
 * Sets levels counted at `count.asOf`: durable first (MongoDB keeps, per pair, the level counted
 * last), then in Redis, where every if-available write reads them. A level counted earlier than
 * the one stored is left as it is, in both.
 */
export async function setStockLevels(deps: StockDeps, tenantId: number, count: StockCount): Promise<StockCountOutcome> {
  await deps.stockArchive.putLevels(
    tenantId,
    count.levels.map((level) => ({ ...level, asOf: count.asOf })),
  );
  return deps.stock.setLevels(tenantId, count);
}

/** Stops tracking a pair, in MongoDB first: true when Redis tracked it. */
export async function untrackPair(deps: StockDeps, tenantId: number, code: string, artGuid: string): Promise<boolean> {
  await deps.stockArchive.deleteLevel(tenantId, code, artGuid);
  return deps.stock.untrack(tenantId, code, artGuid);
}
