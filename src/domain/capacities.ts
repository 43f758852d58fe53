import { hasLimit, type StockOriginCapacity } from './capacity.js';
import { QuotaExceeded } from './quotas.js';
import type { CapacityArchive, CapacityStore } from './ports.js';

export interface CapacityDeps {
  capacities: CapacityStore;
  capacityArchive: CapacityArchive;
  clock: () => number;
}

/**
 * Sets a stock origin's capacity: durable first (MongoDB), then in Redis, where every write reads
 * it for its saturation events; a capacity without any limit is the same as none. Answers the
 * capacity now in force.
 */
export async function setOriginCapacity(
  deps: CapacityDeps,
  tenantId: number,
  code: string,
  capacity: StockOriginCapacity,
): Promise<StockOriginCapacity | null> {
  if (!hasLimit(capacity)) return removeOriginCapacity(deps, tenantId, code).then(() => null);
  await deps.capacityArchive.putCapacity(tenantId, code, capacity);
  try {
    await deps.capacities.setCapacity(tenantId, code, capacity, deps.clock());
  } catch (error) {
    // Refused only for an origin that had no capacity: MongoDB forgets the one just written.
    if (error instanceof QuotaExceeded) await deps.capacityArchive.deleteCapacity(tenantId, code);
    throw error;
  }
  return capacity;
}

export async function removeOriginCapacity(deps: CapacityDeps, tenantId: number, code: string): Promise<void> {
  await deps.capacityArchive.deleteCapacity(tenantId, code);
  await deps.capacities.setCapacity(tenantId, code, null, deps.clock());
}
