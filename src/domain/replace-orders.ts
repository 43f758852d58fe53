import { randomUUID } from 'node:crypto';
import { TenantBusy } from './errors.js';
import { fenced } from './archive-sync.js';
import type { IdempotencyKeyUse } from './idempotency.js';
import { isExpired, type Order } from './order.js';
import type { ReplaceSummary } from './ports.js';
import { QuotaExceeded, type TenantQuotaService } from './quotas.js';
import type { SyncContext } from './sync-context.js';

export type ReplaceDeps = Pick<SyncContext, 'replacer' | 'archive' | 'locks' | 'syncState' | 'clock' | 'log' | 'syncSettings'> & {
  /** Each tenant's quotas: the new set must fit them (orders, linesPerOrder). */
  quotas?: Pick<TenantQuotaService, 'of'>;
};

export interface ReplaceOutcome extends ReplaceSummary {
  /** Whether MongoDB already holds exactly the new set, or will at the next sync. */
  archive: 'written' | 'pending';
}

/**
 * PUT /orders: the tenant's set is switched atomically in Redis, then written to MongoDB, where
 * documents the new set lacks are deleted. If MongoDB fails midway the tenant is left "not
 * mirrored" and the next sync does a full pass, so MongoDB converges without transactions.
 */
export async function replaceTenantOrders(
  deps: ReplaceDeps,
  tenantId: number,
  orders: Order[],
  use?: IdempotencyKeyUse,
): Promise<ReplaceOutcome> {
  // A retry is told at once that its first request still runs (or reused its key), or given the
  // first one's answer, rather than wait for the tenant lease that first request holds.
  const recorded = use ? await deps.replacer.recordedReplacement(tenantId, use, deps.clock()) : null;
  if (recorded) return { ...recorded, archive: (await deps.syncState.isMirrored(tenantId)) ? 'written' : 'pending' };
  // The new set is the whole of what the tenant will hold: it fits its quotas, or nothing changes.
  const quotas = await deps.quotas?.of(tenantId);
  if (quotas) {
    if (orders.length > quotas.orders) throw new QuotaExceeded('orders', quotas.orders, `the set has ${orders.length} orders`);
    const long = orders.findIndex((o) => o.lines.length > quotas.linesPerOrder);
    if (long >= 0) {
      throw new QuotaExceeded('linesPerOrder', quotas.linesPerOrder, `[${long}] has ${orders[long]!.lines.length} lines`);
    }
  }
  const lease = await deps.locks.acquire(tenantId, deps.syncSettings.replaceLockWaitMs);
  if (!lease) throw new TenantBusy(tenantId);
  try {
    const now = deps.clock();
    const summary = await deps.replacer.replaceAllOrders(tenantId, orders, now, use);
    // A retry answered from the record of the first: nothing to write; MongoDB holds the set once
    // the first request's archive write (or the sync after it) is through.
    if (use?.replayedFrom !== undefined)
      return { ...summary, archive: (await deps.syncState.isMirrored(tenantId)) ? 'written' : 'pending' };
    // The new set is the whole truth: nothing archived before it may be restored over it.
    await deps.syncState.markRestored(tenantId);
    try {
      const runId = `replace:${randomUUID()}`;
      const live = orders.filter((o) => !isExpired(o, now));
      for (let i = 0; i < live.length; i += deps.syncSettings.batchSize) {
        const batch = live.slice(i, i + deps.syncSettings.batchSize);
        await fenced(deps, lease, tenantId, () => deps.archive.writeOrders(batch, runId));
      }
      await fenced(deps, lease, tenantId, () => deps.archive.deleteOrdersNotWrittenBy(tenantId, runId));
      await deps.syncState.markMirrored(tenantId);
      return { ...summary, archive: 'written' };
    } catch (error) {
      deps.log.warn({ tenantId, err: error }, 'replacement stored in Redis; MongoDB will converge at the next sync');
      return { ...summary, archive: 'pending' };
    }
  } finally {
    await lease.release();
  }
}
