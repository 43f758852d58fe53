import type { StockOriginCapacity } from '../../domain/capacity.js';
import type { OrderKeys } from '../keys.js';
import { encodeCapacity } from './capacity-text.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { movedTo, orderArgList, orderKeyList, type Moved, type WriteContext } from './order-script.js';

/** Sets (null: removes) an origin's capacity in Redis, telling the thresholds it makes the origin cross (set-capacity.lua). */
export function setCapacityScript(redis: RedisLike) {
  const call = defineScript(redis, 'set-capacity');
  return async (
    keys: OrderKeys,
    context: WriteContext,
    code: string,
    capacity: StockOriginCapacity | null,
    most = 0,
  ): Promise<true | { quota: number } | Moved> => {
    const reply = await call(orderKeyList(keys, context), [
      ...orderArgList(keys, context),
      code,
      capacity ? encodeCapacity(capacity) : '',
      most,
    ]);
    const moved = movedTo(reply);
    if (moved) return moved;
    const [kind, limit] = reply as [unknown, string?];
    return kind === 'quota' ? { quota: Number(limit) } : true;
  };
}
