import type { OrderKeys } from '../keys.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { type Moved, movedTo, orderArgList, orderKeyList, type WriteContext } from './order-script.js';

/** Moves a live order's expiry; true when there was one (hold-order.lua). */
export function holdOrderScript(redis: RedisLike) {
  const call = defineScript(redis, 'hold-order');
  return async (keys: OrderKeys, context: WriteContext, orderId: string, expiresAt: string): Promise<boolean | Moved> => {
    const reply = (await call(orderKeyList(keys, context), [...orderArgList(keys, context), orderId, expiresAt])) as unknown[];
    return movedTo(reply) ?? reply[0] === 1;
  };
}
