import { type PairStock, pairStock, type StockLevelPage } from '../../domain/stock.js';
import type { OrderKeys } from '../keys.js';
import { PURGE_BEFORE_READ } from './get-stock-origin.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { type Moved, movedTo, orderArgList, orderKeyList, type WriteContext } from './order-script.js';

/** A page of the tracked pairs, optionally those with at most `maxAvailable` available (list-stock-levels.lua). */
export function listStockLevelsScript(redis: RedisLike) {
  const call = defineScript(redis, 'list-stock-levels');
  return async (
    keys: OrderKeys,
    context: WriteContext,
    page: { cursor: string | null; limit: number; maxAvailable?: number },
  ): Promise<StockLevelPage | Moved> => {
    const reply = (await call(orderKeyList(keys, context), [
      ...orderArgList(keys, context),
      PURGE_BEFORE_READ,
      page.cursor ?? '0',
      page.limit,
      page.maxAvailable ?? '',
    ])) as unknown[];
    const moved = movedTo(reply);
    if (moved) return moved;
    const [next, flat] = reply as [string, string[]];
    const pairs: PairStock[] = [];
    for (let i = 0; i < flat.length; i += 5) {
      const level = { onHand: Number(flat[i + 2]), asOf: new Date(Number(flat[i + 3])).toISOString() };
      pairs.push(pairStock(flat[i]!, flat[i + 1]!, Number(flat[i + 4]), level));
    }
    return { pairs, nextCursor: next === '0' ? null : next };
  };
}
