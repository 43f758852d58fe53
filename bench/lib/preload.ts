/** Fills Redis with benchmark orders, through Reservoir's own store or as the ceiling's bare keys. */
import type { Redis } from 'ioredis';
import { expandOrderJson } from '../../src/domain/events.js';
import type { OrderStore } from '../../src/domain/ports.js';
import { encodeStoredOrder, storedOrderToJson } from '../../src/repositories/orders/stored-order.js';
import { bareKeys } from '../ceiling/keys.js';
import { makeOrder } from './data.js';

const WINDOW = 500;

async function inWindows(count: number, write: (i: number) => Promise<unknown>) {
  for (let start = 0; start < count; start += WINDOW) {
    const batch: Promise<unknown>[] = [];
    for (let i = start; i < Math.min(count, start + WINDOW); i++) batch.push(write(i));
    await Promise.all(batch);
  }
}

/** Orders `from` .. `from + count - 1` of the tenant, stored through Reservoir's upsert script. */
export async function preloadStore(store: OrderStore, tenantId: number, from: number, count: number, lineCount = 3) {
  const now = Date.now();
  await inWindows(count, (i) => store.upsertOrder(makeOrder(tenantId, from + i, lineCount), now));
}

/** The same orders as the bare GET serves them: one string key each, the JSON Reservoir answers. */
export async function preloadBareGet(redis: Redis, tenantId: number, from: number, count: number) {
  await inWindows(count, (i) => {
    const order = makeOrder(tenantId, from + i);
    return redis.set(bareKeys.order(tenantId, order.orderId), storedOrderToJson(tenantId, encodeStoredOrder(order)));
  });
}

/**
 * The same orders in the bare DELETE's hash, as plain JSON without the tenantId (what Reservoir
 * stored before its compact form): the bare script decodes it with cjson.
 */
export async function preloadBareOrders(redis: Redis, tenantId: number, from: number, count: number) {
  await inWindows(count, (i) => {
    const order = makeOrder(tenantId, from + i);
    return redis.hset(`${bareKeys.prefix(tenantId)}o`, order.orderId, expandOrderJson(encodeStoredOrder(order)));
  });
}
