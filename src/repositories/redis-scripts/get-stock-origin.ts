import type { OrderKeys } from '../keys.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { movedTo, numberPairs, orderArgList, orderKeyList, type Moved } from './order-script.js';

/** Reads never count an expired order: they first purge up to this many (the sweeper does the rest). */
export const PURGE_BEFORE_READ = 1000;

export interface StockOriginFigures {
  reservedQty: number;
  lineCount: number;
  orderCount: number;
  /** [artGuid, units] of each article reserved there. */
  articles: [string, number][];
}

/** One origin's figures, after purging expired orders (get-stock-origin.lua). */
export function getStockOriginScript(redis: RedisLike) {
  const call = defineScript(redis, 'get-stock-origin');
  return async (keys: OrderKeys, code: string, now: number, token: string): Promise<StockOriginFigures | Moved> => {
    const reply = (await call([...orderKeyList(keys), keys.origin(code)], [...orderArgList(keys), code, now, token, PURGE_BEFORE_READ])) as [
      string,
      string,
      string,
      string[],
    ];
    const moved = movedTo(reply);
    if (moved) return moved;
    const [qty, lines, orders, articles] = reply;
    return { reservedQty: Number(qty), lineCount: Number(lines), orderCount: Number(orders), articles: numberPairs(articles) };
  };
}
