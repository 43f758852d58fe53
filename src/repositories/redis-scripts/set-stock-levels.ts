import type { StockCountOutcome, StockLevel } from '../../domain/stock.js';
import type { OrderKeys } from '../keys.js';
import { defineScript, type RedisLike, type ScriptArg } from './lua-script.js';
import { type Moved, movedTo, orderArgList, orderKeyList, type WriteContext } from './order-script.js';

/** A level and when it was counted (ms). */
export type TimedLevel = StockLevel & { asOfMs: number };

export type SetLevelsOutcome = StockCountOutcome | { quota: 'stockLevels'; limit: number };

/**
 * Sets tracked pairs' levels, each unless Redis has one of its pair counted later, telling the
 * pairs whose available units cross 0 (set-stock-levels.lua). `most`: the stockLevels quota (0: none).
 */
export function setStockLevelsScript(redis: RedisLike) {
  const call = defineScript(redis, 'set-stock-levels');
  return async (keys: OrderKeys, context: WriteContext, levels: readonly TimedLevel[], most: number): Promise<SetLevelsOutcome | Moved> => {
    const args: ScriptArg[] = [...orderArgList(keys, context), keys.stockArticles, most];
    for (const { code, artGuid, onHand, asOfMs } of levels) args.push(code, artGuid, onHand, asOfMs);
    const reply = (await call(orderKeyList(keys, context), args)) as unknown[];
    const moved = movedTo(reply);
    if (moved) return moved;
    if (reply[0] === 'quota') return { quota: 'stockLevels', limit: Number(reply[2]) };
    return { applied: Number(reply[0]), stale: Number(reply[1]) };
  };
}
