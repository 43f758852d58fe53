import type { OrderKeys } from '../keys.js';

/** What a script answers when the generation it was called for is no longer visible (includes/check-generation.lua). */
export class Moved {
  constructor(readonly generation: string) {}
}

/** KEYS[1..7] of every order script, in includes/order-keys.lua's order. */
export function orderKeyList(keys: OrderKeys): string[] {
  return [keys.pointer, keys.orders, keys.expiries, keys.originQty, keys.originLines, keys.originOrders, keys.changes];
}

/** ARGV[1..2] of every order script: the generation and its key prefix. */
export function orderArgList(keys: OrderKeys): string[] {
  return [keys.generation, keys.prefix];
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
