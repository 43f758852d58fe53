import type { StockOriginTotals } from '../../domain/reservation.js';
import type { OrderKeys } from '../keys.js';
import { PURGE_BEFORE_READ } from './get-stock-origin.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { movedTo, numberPairs, orderArgList, orderKeyList, type Moved } from './order-script.js';

/** Every origin's totals, unranked, after purging expired orders (list-stock-origins.lua). */
export function listStockOriginsScript(redis: RedisLike) {
  const call = defineScript(redis, 'list-stock-origins');
  return async (keys: OrderKeys, now: number, token: string): Promise<StockOriginTotals[] | Moved> => {
    const reply = (await call(orderKeyList(keys), [...orderArgList(keys), now, token, PURGE_BEFORE_READ])) as [string[], string[], string[]];
    const moved = movedTo(reply);
    if (moved) return moved;
    const [qty, lines, orders] = reply;
    const lineCounts = new Map(numberPairs(lines));
    const orderCounts = new Map(numberPairs(orders));
    return numberPairs(qty).map(([code, reservedQty]) => ({
      code,
      reservedQty,
      lineCount: lineCounts.get(code) ?? 0,
      orderCount: orderCounts.get(code) ?? 0,
    }));
  };
}
