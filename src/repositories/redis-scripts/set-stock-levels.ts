import type { StockCountOutcome, StockLevel } from '../../domain/stock.js';
import { defineScript, type RedisLike, type ScriptArg } from './lua-script.js';

/** Sets tracked pairs' levels counted at `asOfMs`, leaving those counted later (set-stock-levels.lua). */
export function setStockLevelsScript(redis: RedisLike) {
  const call = defineScript(redis, 'set-stock-levels');
  return async (stockKey: string, asOfMs: number, levels: readonly StockLevel[]): Promise<StockCountOutcome> => {
    const args: ScriptArg[] = [asOfMs];
    for (const { code, artGuid, onHand } of levels) args.push(code, artGuid, onHand);
    const [applied, stale] = (await call([stockKey], args)) as [number, number];
    return { applied, stale };
  };
}
