import type { Order } from '../../domain/order.js';
import type { OrderKeys } from '../keys.js';
import { ArgvOrders, expiresAtMs } from './argv-orders.js';
import { defineScript, type RedisLike, type ScriptArg } from './lua-script.js';
import { movedTo, orderArgList, orderKeyList, type Moved } from './order-script.js';

/**
 * Writes archived orders back unless Redis holds a newer state or a pending change of them;
 * answers how many were written (restore-orders.lua).
 */
export function restoreOrdersScript(redis: RedisLike) {
  const call = defineScript(redis, 'restore-orders');
  return async (keys: OrderKeys, orders: { order: Order; json: string }[], now: number): Promise<number | Moved> => {
    const names = new ArgvOrders();
    const perOrder: ScriptArg[] = [];
    for (const { order, json } of orders) {
      const lines = names.lineArgs(order);
      perOrder.push(order.orderId, json, order.lastUpdated, expiresAtMs(order), order.lines.length);
      for (const a of lines) perOrder.push(a);
    }
    const scriptKeys = [...orderKeyList(keys), ...names.codes.map(keys.origin), ...names.articles.map(keys.article)];
    const reply = (await call(scriptKeys, [...orderArgList(keys), now, orders.length, ...names.nameArgs(), ...perOrder])) as unknown[];
    return movedTo(reply) ?? Number(reply[0]);
  };
}
