import type { DomainLogger } from './logger.js';
import type {
  CapacityArchive,
  CapacityStore,
  OrderArchive,
  OrderSetReplacer,
  OrderStore,
  PendingChanges,
  StockArchive,
  StockStore,
  TenantLocks,
  TenantRegistry,
  TenantSyncState,
} from './ports.js';
import type { TenantConfigDeps } from './tenant-config-service.js';

/** Archive writes that fail because MongoDB did not answer: 4 attempts, 200 ms apart and more, at most 2 s. */
export const SYNC_RETRY: SyncSettings['retry'] = { attempts: 4, baseMs: 200, capMs: 2000 };

export interface SyncSettings {
  /** Orders per archive write and per read of pending changes. */
  batchSize: number;
  /** Archive writes that fail because MongoDB did not answer are tried again this way. */
  retry: { attempts: number; baseMs: number; capMs: number };
  /** How long PUT /orders (and a restore) waits for a sync of the same tenant to finish. */
  replaceLockWaitMs: number;
}

/**
 * What the archive use cases (archive-sync, restore, replace-orders, expiry) work with: the hot
 * store's parts, the archive, the tenant leases and the per-tenant sync markers. Each use case
 * takes the part of it it needs.
 */
export interface SyncContext extends TenantConfigDeps {
  orders: OrderStore;
  replacer: OrderSetReplacer;
  changes: PendingChanges;
  tenants: TenantRegistry;
  archive: OrderArchive;
  capacities: CapacityStore;
  capacityArchive: CapacityArchive;
  stock: StockStore;
  stockArchive: StockArchive;
  locks: TenantLocks;
  syncState: TenantSyncState;
  clock: () => number;
  log: DomainLogger;
  /** How the sync batches and retries its archive writes, and how long a replace waits for a tenant's lease. */
  syncSettings: SyncSettings;
}
