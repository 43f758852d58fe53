import { tenantKeys, type OrderKeys } from '../keys.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { movedTo, type Moved } from './order-script.js';

/** Makes a staged generation visible if `visible` still is (switch-generation.lua). */
export function switchGenerationScript(redis: RedisLike) {
  const call = defineScript(redis, 'switch-generation');
  return async (tenantId: number, visible: OrderKeys, staged: OrderKeys): Promise<{ orderCount: number; oldCount: number } | Moved> => {
    const tenant = tenantKeys(tenantId);
    const reply = (await call([visible.pointer, visible.orders, staged.orders, tenant.gc, tenant.synced], [visible.generation, staged.generation])) as unknown[];
    return movedTo(reply) ?? { orderCount: Number(reply[1]), oldCount: Number(reply[2]) };
  };
}
