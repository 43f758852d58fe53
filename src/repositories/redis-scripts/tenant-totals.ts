import type { OrderKeys } from '../keys.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { movedTo, type Moved } from './order-script.js';

/** A tenant's units reserved and orders stored, as its figures say (tenant-totals.lua). */
export function tenantTotalsScript(redis: RedisLike) {
  const call = defineScript(redis, 'tenant-totals');
  return async (keys: OrderKeys): Promise<{ reservedQty: number; orders: number } | Moved> => {
    const reply = (await call([keys.pointer, keys.originQty, keys.orders], [keys.generation])) as unknown[];
    return movedTo(reply) ?? { reservedQty: Number(reply[0]), orders: Number(reply[1]) };
  };
}
