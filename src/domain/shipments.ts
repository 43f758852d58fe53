import type { IdempotencyKeyUse } from './idempotency.js';
import type { DomainLogger } from './logger.js';
import type { OrderStore, ShipmentItem, StockArchive } from './ports.js';

export interface ShipmentDeps {
  orders: OrderStore;
  stockArchive: StockArchive;
  log: DomainLogger;
}

/**
 * A wave of shipments: each origin's lines (or an article's, or some of its units) leave their
 * orders, and the on-hand units of the tracked pairs they were taken from go down by as many, in
 * the same step (Redis), then in the archive. Answers per item whether its order exists.
 *
 * The archive keeps the lowered levels unless it holds a later count; should it be unreachable,
 * the shipment stands (Redis is the source of truth) and the pair's next count brings the archive
 * back in step.
 */
export async function shipOrderLines(
  deps: ShipmentDeps,
  tenantId: number,
  items: ShipmentItem[],
  now: number,
  use?: IdempotencyKeyUse,
): Promise<boolean[]> {
  const { answers, levels } = await deps.orders.shipOrderLines(tenantId, items, now, use);
  if (levels.length > 0) {
    try {
      await deps.stockArchive.putLevels(tenantId, levels);
    } catch (error) {
      deps.log.warn({ err: error, tenantId, levels: levels.length }, 'shipped stock levels not archived; the next count will be');
    }
  }
  return answers;
}
