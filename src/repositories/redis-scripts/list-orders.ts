import type { OrderType } from '../../domain/order.js';
import type { OrderKeys } from '../keys.js';
import { PURGE_BEFORE_READ } from './get-stock-origin.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { movedTo, orderArgList, orderKeyList, type Moved, type WriteContext } from './order-script.js';

export interface OrderFilter {
  code?: string;
  artGuid?: string;
  type?: OrderType;
  /** ISO, normalised. */
  expiresBefore?: string;
  updatedSince?: string;
}

/** Where a walk of the orders stands: which index it goes through, and the last entry a page listed. */
export interface WalkPosition {
  walk: string;
  mark: string;
}

export interface OrdersPage {
  /** Stored JSON of each order listed. */
  orders: string[];
  /** Where the next page starts, or null when the walk is over. */
  next: WalkPosition | null;
}

/** The most index entries one page examines: a page of very selective filters may come back short, with a cursor. */
export const PAGE_EXAMINE_BUDGET_FACTOR = 20;

/** A page of orders matching the filter (list-orders.lua). */
/** A page of orders holds about this many bytes of them at most (and `limit` orders); the first order always comes. */
export const ORDERS_PAGE_MAX_BYTES = 4 * 1024 * 1024;

export function listOrdersScript(redis: RedisLike) {
  const call = defineScript(redis, 'list-orders');
  return async (
    keys: OrderKeys,
    context: WriteContext,
    filter: OrderFilter,
    limit: number,
    from: WalkPosition | null,
  ): Promise<OrdersPage | Moved> => {
    const reply = (await call(orderKeyList(keys, context), [
      ...orderArgList(keys, context),
      PURGE_BEFORE_READ,
      limit,
      from?.walk ?? '',
      from?.mark ?? '',
      filter.code ?? '',
      filter.artGuid ?? '',
      filter.type ?? '',
      filter.expiresBefore ?? '',
      filter.updatedSince ?? '',
      Math.max(1000, limit * PAGE_EXAMINE_BUDGET_FACTOR),
      ORDERS_PAGE_MAX_BYTES,
    ])) as [string, string[], string];
    const moved = movedTo(reply);
    if (moved) return moved;
    const [walk, orders, mark] = reply;
    return { orders, next: mark === '' ? null : { walk, mark } };
  };
}
