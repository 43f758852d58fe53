import type { Order } from '../../domain/order.js';
import type { OrderKeys } from '../keys.js';
import { ArgvOrders } from './argv-orders.js';
import { defineScript, type RedisLike } from './lua-script.js';

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
  return async (visible: OrderKeys, staged: OrderKeys, chunk: StagedOrder[], nowIso: string): Promise<number> => {
    const orders = new ArgvOrders();
    for (const { order, json } of chunk) orders.add(order, json);
    const keys = [
      visible.orders,
      staged.orders,
      staged.originQty,
      staged.originLines,
      staged.originOrders,
      staged.index,
      staged.counters,
      ...orders.codes.map(staged.origin),
      ...orders.articles.map(staged.article),
    ];
    return (await call(keys, [staged.prefix, nowIso, ...orders.args()])) as number;
  };
}
