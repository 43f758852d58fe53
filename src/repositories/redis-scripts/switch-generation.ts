import { tenantKeys, type OrderKeys } from '../keys.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { movedTo, type Moved, type WriteContext } from './order-script.js';

/**
 * Makes a staged generation visible if `visible` still is, telling orders.replaced and the
 * saturation thresholds the origins cross (switch-generation.lua).
 */
export function switchGenerationScript(redis: RedisLike) {
  const call = defineScript(redis, 'switch-generation');
  return async (
    visible: OrderKeys,
    staged: OrderKeys,
    context: WriteContext,
    existing: number,
  ): Promise<{ orderCount: number; removedCount: number } | Moved> => {
    const tenant = tenantKeys(context.tenantId);
    const stamp = context.idempotency;
    const reply = (await call(
      [
        visible.pointer,
        visible.orders,
        staged.orders,
        tenant.gc,
        tenant.synced,
        tenant.events,
        tenant.idempotency(stamp?.key),
        tenant.capacities,
        visible.originQty,
        visible.originLines,
        visible.originOrders,
        staged.originQty,
        staged.originLines,
        staged.originOrders,
        tenant.thresholds,
      ],
      [
        visible.generation,
        staged.generation,
        existing,
        context.tenantId,
        context.eventsMax,
        stamp?.ttlMs ?? '',
        stamp?.fingerprint ?? '',
        stamp?.requestId ?? '',
      ],
    )) as unknown[];
    return decodeSwitchReply(reply);
  };
}

export function decodeSwitchReply(reply: unknown): { orderCount: number; removedCount: number } | Moved {
  const moved = movedTo(reply);
  if (moved) return moved;
  const [, orderCount, removedCount] = reply as [string, number, number];
  return { orderCount: Number(orderCount), removedCount: Number(removedCount) };
}
