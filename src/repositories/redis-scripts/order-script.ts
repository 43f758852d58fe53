import type { OrderKeys } from '../keys.js';
import type { ScriptArg } from './lua-script.js';

/** What a script answers when the generation it was called for is no longer visible (includes/check-generation.lua). */
export class Moved {
  constructor(readonly generation: string) {}
}

/** The request an idempotency record is kept for (includes/finish.lua). */
export interface IdempotencyStamp {
  /** The client's Idempotency-Key. */
  key: string;
  /** What makes two requests the same one: method, path and body, hashed. */
  fingerprint: string;
  requestId: string;
  ttlMs: number;
}

/** What every order-writing script is told besides its keys (includes/order-context.lua). */
export interface WriteContext {
  tenantId: number;
  now: number;
  nowIso: string;
  /** Unique to this call (orders/change-tokens.ts). */
  token: string;
  /** About how many events the tenant's stream keeps. */
  eventsMax: number;
  idempotency?: IdempotencyStamp;
}

/** KEYS[1..13] of every order-writing script, in includes/order-context.lua's order. */
export function orderKeyList(keys: OrderKeys, context: WriteContext): string[] {
  return [
    keys.pointer,
    keys.orders,
    keys.originQty,
    keys.originLines,
    keys.originOrders,
    keys.changes,
    keys.index,
    keys.counters,
    keys.events,
    keys.capacities,
    keys.idempotency(context.idempotency?.key),
    keys.thresholds,
    keys.stock,
  ];
}

/** ARGV[1..10] of every order-writing script, in includes/order-context.lua's order. */
export function orderArgList(keys: OrderKeys, context: WriteContext): ScriptArg[] {
  const stamp = context.idempotency;
  return [
    keys.generation,
    keys.prefix,
    context.tenantId,
    context.eventsMax,
    context.now,
    context.nowIso,
    context.token,
    stamp ? stamp.ttlMs : '',
    stamp ? stamp.fingerprint : '',
    stamp ? stamp.requestId : '',
  ];
}

/** The generation a script found visible instead of the one it was called for, or null. */
export function movedTo(reply: unknown): Moved | null {
  return Array.isArray(reply) && reply[0] === 'moved' ? new Moved(String(reply[1])) : null;
}

/** `[field, value, field, value...]` (HGETALL) as `[field, number]` pairs. */
export function numberPairs(flat: string[]): [string, number][] {
  const out: [string, number][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, Number(flat[i + 1])]);
  return out;
}
