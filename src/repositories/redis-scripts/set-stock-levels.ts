import type { StockCountOutcome, StockLevel } from '../../domain/stock.js';

/** A level and when it was counted (ms). */
export type TimedLevel = StockLevel & { asOfMs: number };
import { defineScript, type RedisLike, type ScriptArg } from './lua-script.js';

/** Sets tracked pairs' levels, each unless Redis has one of its pair counted later (set-stock-levels.lua). */
export function setStockLevelsScript(redis: RedisLike) {
  const call = defineScript(redis, 'set-stock-levels');
  return async (stockKey: string, stockArticlesPrefix: string, levels: readonly TimedLevel[]): Promise<StockCountOutcome> => {
    const args: ScriptArg[] = [stockArticlesPrefix];
    for (const { code, artGuid, onHand, asOfMs } of levels) args.push(code, artGuid, onHand, asOfMs);
    const [applied, stale] = (await call([stockKey], args)) as [number, number];
    return { applied, stale };
  };
}
