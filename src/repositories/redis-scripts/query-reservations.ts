import type { StockOriginCapacity } from '../../domain/capacity.js';
import type { StockOriginTotals } from '../../domain/reservation.js';
import type { OrderKeys } from '../keys.js';
import type { StoredLevel } from '../../domain/stock.js';
import { decodeCapacity } from './capacity-text.js';
import { decodeLevel } from './stock-level-text.js';
import { PURGE_BEFORE_READ } from './get-stock-origin.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { movedTo, numberPairs, orderArgList, orderKeyList, type Moved, type WriteContext } from './order-script.js';

export interface ReservationsAnswer {
  /**
   * Per article asked for, in that order: its units reserved anywhere, and [code, units] of each
   * origin (of those asked for) where it is reserved.
   */
  articles: { total: number; origins: [string, number][]; levels: (StoredLevel | null)[] }[];
  /** Every origin in the answer, with its totals and capacity. */
  origins: Map<string, StockOriginTotals & { capacity: StockOriginCapacity | null }>;
}

/**
 * Where each of some articles is reserved, restricted to `codes` when given, in one call
 * (query-reservations.lua), after purging expired orders.
 */
export function queryReservationsScript(redis: RedisLike) {
  const call = defineScript(redis, 'query-reservations');
  return async (
    keys: OrderKeys,
    context: WriteContext,
    artGuids: string[],
    codes: string[] | null,
  ): Promise<ReservationsAnswer | Moved> => {
    const reply = (await call(
      [...orderKeyList(keys, context), ...artGuids.map(keys.article)],
      [...orderArgList(keys, context), PURGE_BEFORE_READ, keys.stockArticles, codes?.length ?? 0, ...(codes ?? []), ...artGuids],
    )) as [[string, string, string][], string[], string[], string[], string[], string[]];
    const moved = movedTo(reply);
    if (moved) return moved;
    const [perArticle, originCodes, qty, lines, orders, capacities] = reply;
    const origins = new Map<string, StockOriginTotals & { capacity: StockOriginCapacity | null }>();
    originCodes.forEach((code, i) => {
      origins.set(code, {
        code,
        reservedQty: Number(qty[i]),
        lineCount: Number(lines[i]),
        orderCount: Number(orders[i]),
        capacity: decodeCapacity(capacities[i]),
      });
    });
    return {
      articles: perArticle.map(([total, joined, levels]) => ({
        total: Number(total),
        origins: joined === '' ? [] : numberPairs(joined.split('\0')),
        levels: joined === '' ? [] : levels.split('\0').map((level) => decodeLevel(level || null)),
      })),
      origins,
    };
  };
}
