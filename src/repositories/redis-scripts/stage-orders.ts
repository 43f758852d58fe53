import type { Order } from '../../domain/order.js';
import type { OrderKeys } from '../keys.js';
import { ArgvOrders, expiresAtMs } from './argv-orders.js';
import { defineScript, type RedisLike, type ScriptArg } from './lua-script.js';

export interface StagedOrder {
  order: Order;
  /** Its stored form. */
  json: string;
}

/**
 * Stages a chunk of a replacement set into generation `staged`; answers how many of its orders
 * exist in the visible generation (stage-orders.lua).
 */
export function stageOrdersScript(redis: RedisLike) {
  const call = defineScript(redis, 'stage-orders');
  return async (visible: OrderKeys, staged: OrderKeys, chunk: StagedOrder[], now: number): Promise<number> => {
    const names = new ArgvOrders();
    const perOrder: ScriptArg[] = [];
    for (const { order, json } of chunk) {
      const lines = names.lineArgs(order);
      perOrder.push(order.orderId, json, expiresAtMs(order), order.lines.length);
      for (const a of lines) perOrder.push(a);
    }
    const keys = [
      visible.orders,
      staged.orders,
      staged.expiries,
      staged.originQty,
      staged.originLines,
      staged.originOrders,
      ...names.codes.map(staged.origin),
      ...names.articles.map(staged.article),
    ];
    return (await call(keys, [staged.prefix, now, chunk.length, ...names.nameArgs(), ...perOrder])) as number;
  };
}
