import type { Order } from '../../domain/order.js';
import type { OrderKeys } from '../keys.js';
import { ArgvOrders } from './argv-orders.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { movedTo, orderArgList, orderKeyList, type Moved, type WriteContext } from './order-script.js';

/**
 * Writes archived orders back unless Redis holds a newer state or a pending change of them;
 * answers how many were written (restore-orders.lua).
 */
export function restoreOrdersScript(redis: RedisLike) {
  const call = defineScript(redis, 'restore-orders');
  return async (keys: OrderKeys, context: WriteContext, orders: { order: Order; json: string }[]): Promise<number | Moved> => {
    const argv = new ArgvOrders();
    for (const { order, json } of orders) argv.add(order, json);
    const scriptKeys = [...orderKeyList(keys, context), ...argv.codes.map(keys.origin), ...argv.articles.map(keys.article)];
    const reply = (await call(scriptKeys, [...orderArgList(keys, context), ...argv.args()])) as unknown[];
    return movedTo(reply) ?? Number(reply[0]);
  };
}
