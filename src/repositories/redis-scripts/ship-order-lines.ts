import type { OrderKeys } from '../keys.js';
import { defineScript, type RedisLike, type ScriptArg } from './lua-script.js';
import { movedTo, orderArgList, orderKeyList, type Moved, type WriteContext } from './order-script.js';

export interface Shipment {
  orderId: string;
  code: string;
}

/**
 * One chunk of a wave of shipments: each item's lines at its origin removed, on its own; answers
 * per item whether its order exists (ship-order-lines.lua). `chunk` counts from 1 to `chunks`.
 */
export function shipOrderLinesScript(redis: RedisLike) {
  const call = defineScript(redis, 'ship-order-lines');
  return async (keys: OrderKeys, context: WriteContext, items: Shipment[], chunk: number, chunks: number): Promise<boolean[] | Moved> => {
    const codeNumber = new Map<string, number>();
    const codes: string[] = [];
    const itemArgs: ScriptArg[] = [];
    for (const { orderId, code } of items) {
      let n = codeNumber.get(code);
      if (n === undefined) {
        codes.push(code);
        n = codes.length;
        codeNumber.set(code, n);
      }
      itemArgs.push(orderId, n);
    }
    const reply = (await call(
      [...orderKeyList(keys, context), ...codes.map(keys.origin)],
      [...orderArgList(keys, context), chunk, chunks, codes.length, ...codes, ...codes.map((code) => JSON.stringify(code)), ...itemArgs],
    )) as unknown[];
    return movedTo(reply) ?? reply.map((answer) => answer === 1);
  };
}
