import type { ArchivedLevel, StockStore } from '../domain/ports.js';
import { type PairStock, pairStock, type StockCount, type StockCountOutcome } from '../domain/stock.js';
import { tenantKeys } from './keys.js';
import type { ChangeTokens } from './orders/change-tokens.js';
import type { TenantGenerations } from './orders/generations.js';
import { type OrderStoreSettings, writeContext } from './orders/order-store.js';
import { withRedis } from './redis-client.js';
import { replicatedWrite } from './replication.js';
import { getStockPairScript } from './redis-scripts/get-stock-pair.js';
import type { RedisLike } from './redis-scripts/lua-script.js';
import { setStockLevelsScript, type TimedLevel } from './redis-scripts/set-stock-levels.js';

/** Levels per script call: a count of 10,000 levels is written in bounded steps. */
const LEVELS_PER_CALL = 1000;

/**
 * The tracked pairs' on-hand levels (T stk: code\0artGuid -> "onHand,asOfMs"), which an
 * if-available order write reads in the same script as it reserves (upsert-order.lua).
 */
export class RedisStockStore implements StockStore {
  private readonly scripts;

  constructor(
    private readonly redis: RedisLike,
    private readonly generations: TenantGenerations,
    private readonly tokens: ChangeTokens,
    private readonly settings: OrderStoreSettings,
  ) {
    this.scripts = { set: setStockLevelsScript(redis), pair: getStockPairScript(redis) };
  }

  setLevels(tenantId: number, count: StockCount): Promise<StockCountOutcome> {
    const asOfMs = Date.parse(count.asOf);
    return this.write(
      tenantId,
      count.levels.map((level) => ({ ...level, asOfMs })),
    );
  }

  restoreLevels(tenantId: number, levels: ArchivedLevel[]): Promise<void> {
    return this.write(
      tenantId,
      levels.map(({ asOf, ...level }) => ({ ...level, asOfMs: Date.parse(asOf) })),
    ).then(() => undefined);
  }

  private write(tenantId: number, levels: TimedLevel[]): Promise<StockCountOutcome> {
    return withRedis(async () => {
      const total = { applied: 0, stale: 0 };
      for (let from = 0; from < levels.length; from += LEVELS_PER_CALL) {
        const keys = tenantKeys(tenantId);
        const part = await this.scripts.set(keys.stock, keys.stockArticles, levels.slice(from, from + LEVELS_PER_CALL));
        total.applied += part.applied;
        total.stale += part.stale;
      }
      return total;
    });
  }

  getPair(tenantId: number, code: string, artGuid: string, now: number): Promise<PairStock> {
    return withRedis(async () => {
      const context = writeContext(this.tokens, this.settings, tenantId, now);
      const { reservedQty, level } = await this.generations.atVisible(tenantId, (keys) => this.scripts.pair(keys, context, code, artGuid));
      return pairStock(code, artGuid, reservedQty, level);
    });
  }

  untrack(tenantId: number, code: string, artGuid: string): Promise<boolean> {
    return withRedis(async () => {
      const keys = tenantKeys(tenantId);
      // Both in one step: a pair is tracked exactly when its article's set names its origin.
      const results = await replicatedWrite(this.redis, keys.stock, () =>
        this.redis.multi().hdel(keys.stock, `${code}\0${artGuid}`).srem(`${keys.stockArticles}${artGuid}`, code).exec(),
      );
      const failed = results?.find(([error]) => error);
      if (failed) throw failed[0];
      return results?.[0]?.[1] === 1;
    });
  }
}
