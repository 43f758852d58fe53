import type { OrderKeys } from '../keys.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { type Moved, movedTo, orderArgList, orderKeyList, type WriteContext } from './order-script.js';

/** Stops tracking a pair: true when it was tracked (untrack-stock-pair.lua). */
export function untrackStockPairScript(redis: RedisLike) {
  const call = defineScript(redis, 'untrack-stock-pair');
  return async (keys: OrderKeys, context: WriteContext, code: string, artGuid: string): Promise<boolean | Moved> => {
    const reply = (await call(
      [...orderKeyList(keys, context), keys.origin(code), `${keys.stockArticles}${artGuid}`],
      [...orderArgList(keys, context), code, artGuid],
    )) as unknown[];
    return movedTo(reply) ?? reply[0] === 1;
  };
}
