import type { OrderKeys } from '../keys.js';
import { PURGE_BEFORE_READ } from './get-stock-origin.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { movedTo, numberPairs, orderArgList, orderKeyList, type Moved, type WriteContext } from './order-script.js';

export interface TenantCounts {
  counters: Map<string, number>;
  origins: number;
  expiringWithinHour: number;
  pendingChanges: number;
  /** The last sync report's JSON, if any. */
  lastSync: string | null;
}

/** A tenant's key figures from its counters, after purging expired orders (tenant-summary.lua). */
export function tenantSummaryScript(redis: RedisLike) {
  const call = defineScript(redis, 'tenant-summary');
  return async (keys: OrderKeys, context: WriteContext): Promise<TenantCounts | Moved> => {
    const inAnHour = new Date(context.now + 3_600_000).toISOString();
    const reply = (await call(
      [...orderKeyList(keys, context), keys.lastSync],
      [...orderArgList(keys, context), PURGE_BEFORE_READ, inAnHour],
    )) as [string[], number, number, number, string | null];
    const moved = movedTo(reply);
    if (moved) return moved;
    const [counters, origins, expiring, pending, lastSync] = reply;
    return {
      counters: new Map(numberPairs(counters)),
      origins: Number(origins),
      expiringWithinHour: Number(expiring),
      pendingChanges: Number(pending),
      lastSync,
    };
  };
}
