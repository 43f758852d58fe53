import type { OrderKeys } from '../keys.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { movedTo, type Moved } from './order-script.js';

/** Several orders' stored JSON, null where there is none or it has expired (get-orders.lua). */
export function getOrdersScript(redis: RedisLike) {
  const call = defineScript(redis, 'get-orders');
  return async (keys: OrderKeys, orderIds: string[], nowIso: string): Promise<(string | null)[] | Moved> => {
    const reply = (await call([keys.pointer, keys.orders], [keys.generation, nowIso, ...orderIds])) as (string | null)[];
    return movedTo(reply) ?? reply;
  };
}
