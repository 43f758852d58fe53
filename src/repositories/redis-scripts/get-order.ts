import type { OrderKeys } from '../keys.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { movedTo, type Moved } from './order-script.js';

/** One order's stored JSON, or null when there is none or it has expired (get-order.lua). */
export function getOrderScript(redis: RedisLike) {
  const call = defineScript(redis, 'get-order');
  return async (keys: OrderKeys, orderId: string, nowIso: string): Promise<string | null | Moved> => {
    const reply = (await call([keys.pointer, keys.orders], [keys.generation, orderId, nowIso])) as string | null | unknown[];
    return movedTo(reply) ?? (reply as string | null);
  };
}
