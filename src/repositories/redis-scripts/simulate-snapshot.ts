import { expandOrderJson } from '../../domain/events.js';
import type { PlanLine, PlanSnapshot, SnapshotRequest } from '../../domain/simulate.js';
import type { OrderKeys } from '../keys.js';
import { decodeCapacity } from './capacity-text.js';
import { decodeLevel } from './stock-level-text.js';
import { defineScript, type RedisLike, type ScriptArg } from './lua-script.js';
import { type Moved, movedTo, orderArgList, orderKeyList, type WriteContext } from './order-script.js';

/** The state what-if plans are judged against, read in one call writing nothing (simulate-snapshot.lua). */
export function simulateSnapshotScript(redis: RedisLike) {
  const call = defineScript(redis, 'simulate-snapshot');
  return async (keys: OrderKeys, context: WriteContext, request: SnapshotRequest): Promise<PlanSnapshot | Moved> => {
    const args: ScriptArg[] = [
      ...orderArgList(keys, context),
      request.orderIds.length,
      request.codes.length,
      ...request.orderIds,
      ...request.codes,
    ];
    for (const { code, artGuid } of request.pairs) args.push(code, artGuid);
    const reply = (await call(orderKeyList(keys, context), args)) as [string, string[], string[], string[]];
    const moved = movedTo(reply);
    if (moved) return moved;
    const [thresholds, stored, origins, pairs] = reply;
    const snapshot: PlanSnapshot = {
      thresholds: thresholds ? thresholds.split(',').map(Number) : null,
      stored: new Map(),
      origins: new Map(),
      pairs: new Map(),
    };
    for (let i = 0; i < stored.length; i += 2) {
      const json = stored[i + 1]!;
      snapshot.stored.set(stored[i]!, json ? (JSON.parse(expandOrderJson(json)) as { lines: PlanLine[] }).lines : null);
    }
    for (let i = 0; i < origins.length; i += 5) {
      snapshot.origins.set(origins[i]!, {
        reservedQty: Number(origins[i + 1]),
        lineCount: Number(origins[i + 2]),
        orderCount: Number(origins[i + 3]),
        capacity: decodeCapacity(origins[i + 4]),
      });
    }
    for (let i = 0; i < pairs.length; i += 4) {
      snapshot.pairs.set(`${pairs[i]}\0${pairs[i + 1]}`, { reservedQty: Number(pairs[i + 2]), level: decodeLevel(pairs[i + 3] || null) });
    }
    return snapshot;
  };
}
