import type { OrderKeys } from '../keys.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { guidBytes } from './order-index.js';
import { movedTo, orderArgList, orderKeyList, type Moved, type WriteContext } from './order-script.js';

/** Deletes an order with what it reserves; true when a live order was deleted (delete-order.lua). */
export function deleteOrderScript(redis: RedisLike) {
  const call = defineScript(redis, 'delete-order');
  return async (keys: OrderKeys, context: WriteContext, orderId: string): Promise<boolean | Moved> => {
    const reply = (await call(orderKeyList(keys, context), [...orderArgList(keys, context), orderId, guidBytes(orderId)])) as unknown[];
    return movedTo(reply) ?? reply[0] === 1;
  };
}
