import type { OrderKeys } from '../keys.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { movedTo, orderArgList, orderKeyList, type Moved, type WriteContext } from './order-script.js';

/** Removes up to `limit` orders past their expiry, with their reservations; answers how many (expire-due-orders.lua). */
export function expireDueOrdersScript(redis: RedisLike) {
  const call = defineScript(redis, 'expire-due-orders');
  return async (keys: OrderKeys, context: WriteContext, limit: number): Promise<number | Moved> => {
    const reply = (await call(orderKeyList(keys, context), [...orderArgList(keys, context), limit])) as unknown[];
    return movedTo(reply) ?? Number(reply[0]);
  };
}
