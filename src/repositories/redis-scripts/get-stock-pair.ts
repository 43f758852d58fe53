import type { StoredLevel } from '../../domain/stock.js';
import type { OrderKeys } from '../keys.js';
import { PURGE_BEFORE_READ } from './get-stock-origin.js';
import { decodeLevel } from './stock-level-text.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { type Moved, movedTo, orderArgList, orderKeyList, type WriteContext } from './order-script.js';

/** One pair's level and reserved units, after purging expired orders (get-stock-pair.lua). */
export function getStockPairScript(redis: RedisLike) {
  const call = defineScript(redis, 'get-stock-pair');
  return async (
    keys: OrderKeys,
    context: WriteContext,
    code: string,
    artGuid: string,
  ): Promise<{ reservedQty: number; level: StoredLevel | null } | Moved> => {
    const reply = (await call(
      [...orderKeyList(keys, context), keys.origin(code)],
      [...orderArgList(keys, context), code, artGuid, PURGE_BEFORE_READ],
    )) as [string, string | null];
    const moved = movedTo(reply);
    if (moved) return moved;
    return { reservedQty: Number(reply[0]), level: decodeLevel(reply[1]) };
  };
}
