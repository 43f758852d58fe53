import type { OrderKeys } from '../keys.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { guidBytes } from './order-index.js';
import { movedTo, orderArgList, orderKeyList, type Moved, type WriteContext } from './order-script.js';

/** Removes an order's lines at one origin; true when the order exists (delete-order-lines-at-origin.lua). */
export function deleteOrderLinesAtOriginScript(redis: RedisLike) {
  const call = defineScript(redis, 'delete-order-lines-at-origin');
  return async (keys: OrderKeys, context: WriteContext, orderId: string, code: string): Promise<boolean | Moved> => {
    const reply = (await call(
      [...orderKeyList(keys, context), keys.origin(code)],
      [...orderArgList(keys, context), orderId, code, JSON.stringify(code), guidBytes(orderId)],
    )) as unknown[];
    return movedTo(reply) ?? reply[0] === 1;
  };
}
