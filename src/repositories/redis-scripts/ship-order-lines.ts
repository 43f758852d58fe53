import type { ShipmentItem } from '../../domain/ports.js';
import type { TimedLevel } from './set-stock-levels.js';
import type { OrderKeys } from '../keys.js';
import { defineScript, type RedisLike, type ScriptArg } from './lua-script.js';
import { movedTo, orderArgList, orderKeyList, type Moved, type WriteContext } from './order-script.js';

export interface ShippedChunk {
  /** Per item, whether its order exists. */
  answers: boolean[];
  /** The stock levels the shipments lowered, in the order they were lowered. */
  levels: TimedLevel[];
}

/**
 * One chunk of a wave of shipments: each item's lines at its origin (of its article, that many
 * units) removed, on its own, and the tracked pairs' on-hand units lowered by what was shipped
 * (ship-order-lines.lua). `chunk` counts from 1 to `chunks`.
 */
export function shipOrderLinesScript(redis: RedisLike) {
  const call = defineScript(redis, 'ship-order-lines');
  return async (
    keys: OrderKeys,
    context: WriteContext,
    items: ShipmentItem[],
    chunk: number,
    chunks: number,
  ): Promise<ShippedChunk | Moved> => {
    const codeNumber = new Map<string, number>();
    const codes: string[] = [];
    const itemArgs: ScriptArg[] = [];
    for (const { orderId, code, artGuid, qty } of items) {
      let n = codeNumber.get(code);
      if (n === undefined) {
        codes.push(code);
        n = codes.length;
        codeNumber.set(code, n);
      }
      itemArgs.push(orderId, n, artGuid ?? '', qty ?? '');
    }
    const reply = (await call(
      [...orderKeyList(keys, context), ...codes.map(keys.origin)],
      [...orderArgList(keys, context), chunk, chunks, codes.length, ...codes, ...codes.map((code) => JSON.stringify(code)), ...itemArgs],
    )) as unknown[];
    const moved = movedTo(reply);
    if (moved) return moved;
    const [answers, flat] = reply as [number[], (string | number)[]];
    const levels: TimedLevel[] = [];
    for (let i = 0; i < flat.length; i += 4) {
      levels.push({ code: String(flat[i]), artGuid: String(flat[i + 1]), onHand: Number(flat[i + 2]), asOfMs: Number(flat[i + 3]) });
    }
    return { answers: answers.map((answer) => answer === 1), levels };
  };
}
