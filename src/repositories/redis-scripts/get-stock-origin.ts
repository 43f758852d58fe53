import type { StockOriginCapacity } from '../../domain/capacity.js';
import type { OrderKeys } from '../keys.js';
import type { StoredLevel } from '../../domain/stock.js';
import { decodeCapacity } from './capacity-text.js';
import { decodeLevel } from './stock-level-text.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { movedTo, numberPairs, orderArgList, orderKeyList, type Moved, type WriteContext } from './order-script.js';

/** Reads never count an expired order: they first purge up to this many (the sweeper does the rest). */
export const PURGE_BEFORE_READ = 1000;

export interface StockOriginFigures {
  reservedQty: number;
  lineCount: number;
  orderCount: number;
  /** [artGuid, units] of each article reserved there, and its level there (null: untracked). */
  articles: [string, number][];
  levels: (StoredLevel | null)[];
  capacity: StockOriginCapacity | null;
  /** Where the next page of articles starts; null: this was the last. */
  nextCursor: string | null;
}

/** A page of an origin's articles holds at most this many bytes of them (and `limit` articles). */
export const ORIGIN_PAGE_MAX_BYTES = 256 * 1024;

/** One origin's figures and capacity, after purging expired orders (get-stock-origin.lua). */
export function getStockOriginScript(redis: RedisLike) {
  const call = defineScript(redis, 'get-stock-origin');
  return async (
    keys: OrderKeys,
    context: WriteContext,
    code: string,
    page: { cursor: string | null; limit: number } = { cursor: null, limit: 1000 },
  ): Promise<StockOriginFigures | Moved> => {
    const reply = (await call(
      [...orderKeyList(keys, context), keys.origin(code)],
      [...orderArgList(keys, context), code, PURGE_BEFORE_READ, page.cursor ?? '0', page.limit, ORIGIN_PAGE_MAX_BYTES],
    )) as [string, string, string, string[], string | null, string, string[]];
    const moved = movedTo(reply);
    if (moved) return moved;
    const [qty, lines, orders, articles, capacity, next, levels] = reply;
    return {
      reservedQty: Number(qty),
      lineCount: Number(lines),
      orderCount: Number(orders),
      articles: numberPairs(articles),
      levels: levels.map((level) => decodeLevel(level || null)),
      capacity: decodeCapacity(capacity),
      nextCursor: next === '0' ? null : next,
    };
  };
}
