import type { OrderKeys } from '../keys.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { movedTo, orderArgList, orderKeyList, type Moved } from './order-script.js';

/** Deletes an order and what it reserves; true when a live order was deleted (delete-order.lua). */
export function deleteOrderScript(redis: RedisLike) {
  const call = defineScript(redis, 'delete-order');
  return async (keys: OrderKeys, orderId: string, nowIso: string, token: string): Promise<boolean | Moved> => {
    const reply = (await call(orderKeyList(keys), [...orderArgList(keys), orderId, nowIso, token])) as unknown[];
    return movedTo(reply) ?? reply[0] === 1;
  };
}
