import type { ArchivedLevel, ReservationDrift, StockArchive, StockStore } from './ports.js';
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

/**
 * The self-check of the levels: Redis's against the archive's, pair by pair. Where they differ
 * (one side lacks the pair, or the two were counted at different times) the level counted later
 * is copied to the other side unless `dryRun`; a pair Redis tracks and the archive lacks is
 * archived (Redis is the source of truth). Answers the drift found.
 */
export async function auditStockLevels(deps: StockDeps, tenantId: number, dryRun: boolean): Promise<ReservationDrift[]> {
  const [hot, archived] = await Promise.all([deps.stock.listLevels(tenantId), deps.stockArchive.listLevels(tenantId)]);
  const key = (level: ArchivedLevel) => `${level.code}\0${level.artGuid}`;
  const inArchive = new Map(archived.map((level) => [key(level), level]));
  const drift: ReservationDrift[] = [];
  const toArchive: ArchivedLevel[] = [];
  const toRedis: ArchivedLevel[] = [];
  for (const level of hot) {
    const other = inArchive.get(key(level));
    inArchive.delete(key(level));
    if (other && other.asOf === level.asOf && other.onHand === level.onHand) continue;
    drift.push({ figure: 'stockLevel', code: level.code, artGuid: level.artGuid, stored: level.onHand, recomputed: other?.onHand ?? null });
    if (other && Date.parse(other.asOf) > Date.parse(level.asOf)) toRedis.push(other);
    else toArchive.push(level);
  }
  for (const level of inArchive.values()) {
    drift.push({ figure: 'stockLevel', code: level.code, artGuid: level.artGuid, stored: null, recomputed: level.onHand });
    toRedis.push(level);
  }
  if (!dryRun) {
    if (toArchive.length > 0) await deps.stockArchive.putLevels(tenantId, toArchive);
    if (toRedis.length > 0) await deps.stock.restoreLevels(tenantId, toRedis);
  }
  return drift;
}
