import type { SyncContext } from './sync-context.js';

/**
 * What expiry does: an order or cart whose expiresAt has passed stops existing. Reads never show
 * one (the store purges what is due before answering); this removes every due order of every
 * tenant, with its reservations, in bounded batches. Answers how many it removed.
 */
export async function expireDueOrders(deps: Pick<SyncContext, 'orders' | 'tenants' | 'clock'>, batch = 500): Promise<number> {
  let total = 0;
  for (const tenantId of await deps.tenants.listTenants()) {
    for (;;) {
      const removed = await deps.orders.expireDueOrders(tenantId, deps.clock(), batch);
      total += removed;
      if (removed < batch) break;
    }
  }
  return total;
}
