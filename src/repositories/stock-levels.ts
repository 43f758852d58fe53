import type { ArchivedLevel, StockStore } from '../domain/ports.js';
import { type QuotaReader, QuotaExceeded } from '../domain/quotas.js';
import { type PairStock, pairStock, type StockCount, type StockCountOutcome, type StockLevelPage } from '../domain/stock.js';
import type { ChangeTokens } from './orders/change-tokens.js';
import type { TenantGenerations } from './orders/generations.js';
import { type OrderStoreSettings, writeContext } from './orders/order-store.js';
import { withRedis } from './redis-client.js';
import { getStockPairScript } from './redis-scripts/get-stock-pair.js';
import { listStockLevelsScript } from './redis-scripts/list-stock-levels.js';
import type { RedisLike } from './redis-scripts/lua-script.js';
import { setStockLevelsScript, type TimedLevel } from './redis-scripts/set-stock-levels.js';
import { untrackStockPairScript } from './redis-scripts/untrack-stock-pair.js';

/** Levels per script call: a count of 10,000 levels is written in bounded steps. */
const LEVELS_PER_CALL = 1000;

/**
 * The tracked pairs' on-hand levels (T stk: code\0artGuid -> "onHand,asOfMs"), which every order
 * write reads in the same script as it reserves (upsert-order.lua), for the if-available policy
 * and the stock.out / stock.back events.
 */
export class RedisStockStore implements StockStore {
  private readonly scripts;

  constructor(
    private readonly redis: RedisLike,
    private readonly generations: TenantGenerations,
    private readonly tokens: ChangeTokens,
    private readonly settings: OrderStoreSettings,
    private readonly quotas?: QuotaReader,
  ) {
    this.scripts = {
      set: setStockLevelsScript(redis),
      pair: getStockPairScript(redis),
      untrack: untrackStockPairScript(redis),
      list: listStockLevelsScript(redis),
    };
  }

  setLevels(tenantId: number, count: StockCount): Promise<StockCountOutcome> {
    const asOfMs = Date.parse(count.asOf);
    return this.write(
      tenantId,
      count.levels.map((level) => ({ ...level, asOfMs })),
      true,
    );
  }

  restoreLevels(tenantId: number, levels: ArchivedLevel[]): Promise<void> {
    return this.write(
      tenantId,
      levels.map(({ asOf, ...level }) => ({ ...level, asOfMs: Date.parse(asOf) })),
      false,
    ).then(() => undefined);
  }

  hasLevels(tenantId: number): Promise<boolean> {
    return withRedis(async () => (await this.redis.exists(this.generations.keysOf(tenantId).stock)) === 1);
  }

  listLevels(tenantId: number): Promise<ArchivedLevel[]> {
    return withRedis(async () => {
      const { stock } = this.generations.keysOf(tenantId);
      const levels: ArchivedLevel[] = [];
      let cursor = '0';
      do {
        const [next, flat] = await this.redis.hscan(stock, cursor, 'COUNT', LEVELS_PER_CALL);
        for (let i = 0; i < flat.length; i += 2) {
          const [code, artGuid] = flat[i]!.split('\0') as [string, string];
          const [onHand, asOfMs] = flat[i + 1]!.split(',');
          levels.push({ code, artGuid, onHand: Number(onHand), asOf: new Date(Number(asOfMs)).toISOString() });
        }
        cursor = next;
      } while (cursor !== '0');
      return levels;
    });
  }

  /**
   * Refuses (QuotaExceeded) a count that would track more pairs than the tenant's stockLevels
   * quota, before anything is written: the script checks it again for each of its steps, so that
   * no interleaving takes the tenant past it.
   */
  async ensureRoom(tenantId: number, count: StockCount): Promise<void> {
    const most = (await this.quotas?.of(tenantId))?.stockLevels ?? 0;
    if (most <= 0) return;
    await withRedis(async () => {
      const { stock } = this.generations.keysOf(tenantId);
      const fields = [...new Set(count.levels.map(({ code, artGuid }) => `${code}\0${artGuid}`))];
      let fresh = 0;
      for (let from = 0; from < fields.length; from += LEVELS_PER_CALL) {
        const found = await this.redis.hmget(stock, ...fields.slice(from, from + LEVELS_PER_CALL));
        fresh += found.filter((level) => level === null).length;
      }
      if (fresh > 0 && (await this.redis.hlen(stock)) + fresh > most) {
        throw new QuotaExceeded('stockLevels', most, `the count would track ${fresh} more pairs`);
      }
    });
  }

  private write(tenantId: number, levels: TimedLevel[], quota: boolean): Promise<StockCountOutcome> {
    return withRedis(async () => {
      const most = quota ? ((await this.quotas?.of(tenantId))?.stockLevels ?? 0) : 0;
      const total = { applied: 0, stale: 0 };
      for (let from = 0; from < levels.length; from += LEVELS_PER_CALL) {
        const context = writeContext(this.tokens, this.settings, tenantId, Date.now());
        const part = await this.generations.atVisible(tenantId, (keys) =>
          this.scripts.set(keys, context, levels.slice(from, from + LEVELS_PER_CALL), most),
        );
        if ('quota' in part) throw new QuotaExceeded('stockLevels', part.limit, 'the count would track more pairs');
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

  listPairs(tenantId: number, page: { cursor: string | null; limit: number; maxAvailable?: number }, now: number): Promise<StockLevelPage> {
    return withRedis(async () => {
      const context = writeContext(this.tokens, this.settings, tenantId, now);
      return this.generations.atVisible(tenantId, (keys) => this.scripts.list(keys, context, page));
    });
  }

  untrack(tenantId: number, code: string, artGuid: string, now: number): Promise<boolean> {
    return withRedis(async () => {
      const context = writeContext(this.tokens, this.settings, tenantId, now);
      return this.generations.atVisible(tenantId, (keys) => this.scripts.untrack(keys, context, code, artGuid));
    });
  }
}
