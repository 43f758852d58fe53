import type { ReservationPolicy, Shortfall } from '../../domain/stock.js';
import type { Order } from '../../domain/order.js';
import type { OrderKeys } from '../keys.js';
import { guidBytes } from './order-index.js';
import { defineScript, type RedisLike, type ScriptArg } from './lua-script.js';
import { movedTo, orderArgList, orderKeyList, type Moved, type WriteContext } from './order-script.js';

export type UpsertOrderOutcome =
  | { kind: 'created' }
  | { kind: 'redefined' }
  | { kind: 'stale'; storedLastUpdated: string }
  | { kind: 'short'; shortfalls: Shortfall[] }
  | { kind: 'quota'; quota: 'orders'; limit: number };

export interface UpsertOrderInput {
  order: Order;
  /** Its stored form (repositories/orders/stored-order.ts), which its event holds too. */
  json: string;
  /** Already expired on arrival: passed without figures nor index entries, it reserves nothing. */
  expired: boolean;
  /** The reservation policy asked for; undefined: the tenant's (T pol). */
  policy?: ReservationPolicy;
  /** The tenant's orders quota: a new order past it is refused (0 or undefined: none). */
  maxOrders?: number;
}

/**
 * The keys and arguments of upsert-order.lua for the new order, in one pass over its lines: per
 * origin its units and lines, per (origin, article) pair its units and the keys of its two
 * figures.
 */
function orderArgs(order: Order, keys: OrderKeys, scriptKeys: string[], args: ScriptArg[], policy: string): void {
  const originAt = new Map<string, number>();
  const pairAt = new Map<string, number>();
  const origins: ScriptArg[] = [];
  const pairs: ScriptArg[] = [];
  for (const { code, artGuid, qty } of order.lines) {
    let o = originAt.get(code);
    if (o === undefined) {
      o = origins.length;
      originAt.set(code, o);
      origins.push(code, 0, 0);
    }
    origins[o + 1] = (origins[o + 1] as number) + qty;
    origins[o + 2] = (origins[o + 2] as number) + 1;
    const pairKey = `${code}\0${artGuid}`;
    const p = pairAt.get(pairKey);
    if (p === undefined) {
      pairAt.set(pairKey, pairs.length);
      pairs.push(code, artGuid, qty);
      scriptKeys.push(keys.origin(code), keys.article(artGuid));
    } else {
      pairs[p + 2] = (pairs[p + 2] as number) + qty;
    }
  }
  // '1': not expired on arrival, so indexed (the script builds the entries from these arguments).
  args.push(originAt.size, pairAt.size, 1, policy, guidBytes(order.orderId));
  for (const a of origins) args.push(a);
  for (const a of pairs) args.push(a);
}

/** Creates or redefines an order with its figures, index entries and event (upsert-order.lua). */
export function upsertOrderScript(redis: RedisLike) {
  const call = defineScript(redis, 'upsert-order');
  return async (keys: OrderKeys, context: WriteContext, input: UpsertOrderInput): Promise<UpsertOrderOutcome | Moved> => {
    const { order } = input;
    const scriptKeys = [...orderKeyList(keys, context), keys.policy];
    const args = orderArgList(keys, context);
    args.push(order.orderId, input.json, order.lastUpdated, order.expiresAt ?? '', order.type);
    if (input.expired) args.push(0, 0, 0, input.policy ?? '', guidBytes(order.orderId));
    else orderArgs(order, keys, scriptKeys, args, input.policy ?? '');
    args.push(input.maxOrders ?? 0);
    return decodeUpsertReply(await call(scriptKeys, args));
  };
}

/** upsert-order.lua's reply (live, or recorded under an idempotency key) as a typed outcome. */
export function decodeUpsertReply(reply: unknown): UpsertOrderOutcome | Moved {
  const moved = movedTo(reply);
  if (moved) return moved;
  const [kind, stored] = reply as [string, string?];
  if (kind === 'stale') return { kind: 'stale', storedLastUpdated: stored! };
  if (kind === 'short') return { kind: 'short', shortfalls: JSON.parse(stored!) as Shortfall[] };
  if (kind === 'quota') return { kind: 'quota', quota: 'orders', limit: Number((reply as string[])[2]) };
  return { kind: kind === 'created' ? 'created' : 'redefined' };
}
