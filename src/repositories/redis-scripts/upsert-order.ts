import type { Order } from '../../domain/order.js';
import type { OrderKeys } from '../keys.js';
import { expiresAtMs } from './argv-orders.js';
import { defineScript, type RedisLike, type ScriptArg } from './lua-script.js';
import { movedTo, orderArgList, orderKeyList, type Moved } from './order-script.js';

export type UpsertOrderOutcome = { kind: 'created' } | { kind: 'redefined' } | { kind: 'stale'; storedLastUpdated: string };

export interface UpsertOrderInput {
  order: Order;
  /** Its stored form (repositories/orders/stored-order.ts). */
  json: string;
  now: number;
  nowIso: string;
  token: string;
  /** Already expired on arrival: passed without figures, it reserves nothing. */
  expired: boolean;
}

/**
 * The keys and arguments of upsert-order.lua for the new order's figures, summed in one pass over
 * its lines: per origin its units and lines, per (origin, article) pair its units and the keys of
 * its two figures.
 */
function figureKeysAndArgs(order: Order, keys: OrderKeys, scriptKeys: string[], args: ScriptArg[]): void {
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
  args.push(originAt.size, pairAt.size);
  for (const a of origins) args.push(a);
  for (const a of pairs) args.push(a);
}

/** Creates or redefines an order with its reservation figures (upsert-order.lua). */
export function upsertOrderScript(redis: RedisLike) {
  const call = defineScript(redis, 'upsert-order');
  return async (keys: OrderKeys, input: UpsertOrderInput): Promise<UpsertOrderOutcome | Moved> => {
    const { order } = input;
    const scriptKeys = orderKeyList(keys);
    const args: ScriptArg[] = orderArgList(keys);
    args.push(order.orderId, input.json, order.lastUpdated, expiresAtMs(order), order.expiresAt ?? '', input.now, input.nowIso, input.token);
    if (input.expired) args.push(0, 0);
    else figureKeysAndArgs(order, keys, scriptKeys, args);
    const reply = (await call(scriptKeys, args)) as [string, string?];
    const moved = movedTo(reply);
    if (moved) return moved;
    if (reply[0] === 'stale') return { kind: 'stale', storedLastUpdated: reply[1]! };
    return { kind: reply[0] === 'created' ? 'created' : 'redefined' };
  };
}
