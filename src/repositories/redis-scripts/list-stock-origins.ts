import type { StockOriginCapacity } from '../../domain/capacity.js';
import type { StockOriginTotals } from '../../domain/reservation.js';
import type { OrderKeys } from '../keys.js';
import { decodeCapacity } from './capacity-text.js';
import { PURGE_BEFORE_READ } from './get-stock-origin.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { movedTo, numberPairs, orderArgList, orderKeyList, type Moved, type WriteContext } from './order-script.js';

/**
 * Every origin's totals and capacity, unranked, after purging expired orders
 * (list-stock-origins.lua); an origin with a capacity and nothing reserved is listed with zeros.
 */
export function listStockOriginsScript(redis: RedisLike) {
  const call = defineScript(redis, 'list-stock-origins');
  return async (
    keys: OrderKeys,
    context: WriteContext,
  ): Promise<(StockOriginTotals & { capacity: StockOriginCapacity | null })[] | Moved> => {
    const reply = (await call(orderKeyList(keys, context), [...orderArgList(keys, context), PURGE_BEFORE_READ])) as [
      string[],
      string[],
      string[],
      string[],
    ];
    const moved = movedTo(reply);
    if (moved) return moved;
    const [qty, lines, orders, capacities] = reply;
    const lineCounts = new Map(numberPairs(lines));
    const orderCounts = new Map(numberPairs(orders));
    const capacityOf = new Map<string, string>();
    for (let i = 0; i < capacities.length; i += 2) capacityOf.set(capacities[i]!, capacities[i + 1]!);
    const origins = numberPairs(qty).map(([code, reservedQty]) => ({
      code,
      reservedQty,
      lineCount: lineCounts.get(code) ?? 0,
      orderCount: orderCounts.get(code) ?? 0,
      capacity: decodeCapacity(capacityOf.get(code)),
    }));
    const listed = new Set(origins.map((o) => o.code));
    for (const [code, capacity] of capacityOf) {
      if (!listed.has(code)) origins.push({ code, reservedQty: 0, lineCount: 0, orderCount: 0, capacity: decodeCapacity(capacity) });
    }
    return origins;
  };
}
