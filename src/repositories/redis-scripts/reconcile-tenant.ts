import type { ReservationDrift, TenantAuditOutcome } from '../../domain/ports.js';
import type { OrderKeys } from '../keys.js';
import { defineScript, type RedisLike } from './lua-script.js';
import { movedTo, type Moved } from './order-script.js';

export interface ReconcileTenantInput {
  repair: boolean;
  maxOrders: number;
  maxReported: number;
  /** Codes and articles of figure keys found by SCAN: checked too, even if no order points to them. */
  codes: string[];
  articles: string[];
}

function toDrift([figure, code, artGuid, stored, recomputed]: unknown[]): ReservationDrift {
  const drift: ReservationDrift = {
    figure: figure as ReservationDrift['figure'],
    code: String(code),
    stored: stored === null || stored === undefined ? null : /^-?\d+$/.test(String(stored)) ? Number(stored) : String(stored),
    recomputed: Number(recomputed),
  };
  if (artGuid !== null && artGuid !== undefined) drift.artGuid = String(artGuid);
  return drift;
}

/** Recomputes a generation's figures from its orders, compares and (unless a dry run) repairs them (reconcile-tenant.lua). */
export function reconcileTenantScript(redis: RedisLike) {
  const call = defineScript(redis, 'reconcile-tenant');
  return async (keys: OrderKeys, input: ReconcileTenantInput): Promise<TenantAuditOutcome | Moved> => {
    const reply = (await call(
      [keys.pointer, keys.orders, keys.originQty, keys.originLines, keys.originOrders, keys.index, keys.counters],
      [
        keys.generation,
        keys.prefix,
        input.maxOrders,
        input.repair ? '1' : '0',
        input.maxReported,
        input.codes.length,
        ...input.codes,
        ...input.articles,
      ],
    )) as unknown[];
    const moved = movedTo(reply);
    if (moved) return moved;
    if (reply[0] === 'too-large') return { status: 'too-large', ordersChecked: Number(reply[1]) };
    const [, orders, driftCount, unreadable, drift] = reply as [string, number, number, string[], unknown[][]];
    return {
      status: 'checked',
      ordersChecked: Number(orders),
      driftCount: Number(driftCount),
      unreadableOrders: unreadable,
      drift: drift.map(toDrift),
    };
  };
}
