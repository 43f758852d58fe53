import { randomUUID } from 'node:crypto';
import { StoreUnavailable, TenantBusy } from './errors.js';
import type { DomainLogger } from './logger.js';
import type { Order } from './order.js';
import type {
  OrderArchive,
  OrderChange,
  OrderStore,
  ReplaceSummary,
  SyncRunReport,
  TenantLease,
  TenantLocks,
  TenantSyncReport,
  TenantSyncState,
} from './ports.js';
import { withBackoff } from './retry.js';
import { getTenantConfig, type TenantConfigDeps } from './tenant-config-service.js';

/**
 * What a sync does: makes MongoDB mirror each enabled tenant's orders in Redis.
 *
 * Redis records every change as "order X changed (change n)". An incremental sync writes the
 * current state of the changed orders (or deletes them) and forgets a change only if no newer one
 * came meanwhile, so its cost follows the churn and a change made during a run is written by the
 * next one at the latest. A full sync rewrites every order, tagged with its pass, then deletes what
 * the pass did not write; it runs when asked, and whenever the tenant is not known to be mirrored
 * (first sync, after a Redis loss, after a replacement whose archive write failed).
 */
export interface SyncSettings {
  batchSize: number;
  retry: { attempts: number; baseMs: number; capMs: number };
  /** How long PUT /orders waits for a sync of the same tenant to finish. */
  replaceLockWaitMs: number;
}

export interface SyncDeps extends TenantConfigDeps {
  store: OrderStore;
  archive: OrderArchive;
  locks: TenantLocks;
  syncState: TenantSyncState;
  clock: () => number;
  log: DomainLogger;
  settings: SyncSettings;
}

export class LeaseLost extends Error {
  constructor(tenantId: number) {
    super(`the sync lease of tenant ${tenantId} expired and was taken over; stopping this pass`);
  }
}

interface Counts {
  ordersWritten: number;
  ordersDeleted: number;
}

/** Fencing: an archive write happens only while our lease is still the one in force. */
async function fenced<T>(deps: SyncDeps, lease: TenantLease, tenantId: number, write: () => Promise<T>): Promise<T> {
  return withBackoff(async () => {
    if (!(await lease.isHeld())) throw new LeaseLost(tenantId);
    return write();
  }, deps.settings.retry);
}

function uniqueChanges(changes: OrderChange[]): OrderChange[] {
  return [...new Map(changes.map((c) => [c.orderId, c])).values()];
}

async function syncChanges(deps: SyncDeps, lease: TenantLease, tenantId: number): Promise<Counts> {
  const counts = { ordersWritten: 0, ordersDeleted: 0 };
  let cursor = '0';
  do {
    const page = await deps.store.readChanges(tenantId, cursor, deps.settings.batchSize);
    cursor = page.cursor;
    const changes = uniqueChanges(page.changes);
    if (changes.length === 0) continue;
    const current = await deps.store.getOrders(
      tenantId,
      changes.map((c) => c.orderId),
      deps.clock(),
    );
    const live = current.filter((o): o is Order => o !== null);
    const gone = changes.filter((_, i) => current[i] === null).map((c) => c.orderId);
    await fenced(deps, lease, tenantId, () => deps.archive.writeOrders(live, `change:${randomUUID()}`));
    await fenced(deps, lease, tenantId, () => deps.archive.deleteOrders(tenantId, gone));
    await deps.store.ackChanges(tenantId, changes);
    counts.ordersWritten += live.length;
    counts.ordersDeleted += gone.length;
  } while (cursor !== '0');
  return counts;
}

async function readAllChanges(deps: SyncDeps, tenantId: number): Promise<OrderChange[]> {
  const all: OrderChange[] = [];
  let cursor = '0';
  do {
    const page = await deps.store.readChanges(tenantId, cursor, deps.settings.batchSize);
    cursor = page.cursor;
    all.push(...page.changes);
  } while (cursor !== '0');
  return uniqueChanges(all);
}

async function mirrorAll(deps: SyncDeps, lease: TenantLease, tenantId: number, runId: string): Promise<Counts> {
  const settled = await readAllChanges(deps, tenantId);
  let ordersWritten = 0;
  for await (const batch of deps.store.scanOrders(tenantId, deps.settings.batchSize, deps.clock())) {
    await fenced(deps, lease, tenantId, () => deps.archive.writeOrders(batch, runId));
    ordersWritten += batch.length;
  }
  const ordersDeleted = await fenced(deps, lease, tenantId, () => deps.archive.deleteOrdersNotWrittenBy(tenantId, runId));
  for (let i = 0; i < settled.length; i += deps.settings.batchSize) {
    await deps.store.ackChanges(tenantId, settled.slice(i, i + deps.settings.batchSize));
  }
  await deps.syncState.markMirrored(tenantId);
  return { ordersWritten, ordersDeleted };
}

export interface SyncTenantOptions {
  full?: boolean;
  runId?: string;
}

export async function syncTenant(deps: SyncDeps, tenantId: number, options: SyncTenantOptions = {}): Promise<TenantSyncReport> {
  const started = deps.clock();
  const report = (fields: Partial<TenantSyncReport> & Pick<TenantSyncReport, 'status'>): TenantSyncReport => ({
    tenantId,
    mode: options.full ? 'full' : 'incremental',
    ordersWritten: 0,
    ordersDeleted: 0,
    startedAt: new Date(started).toISOString(),
    durationMs: deps.clock() - started,
    ...fields,
  });
  let lease: TenantLease | null = null;
  try {
    const config = await getTenantConfig(deps, tenantId);
    if (!config.enableInternalOrderSync) return report({ status: 'skipped', reason: 'enableInternalOrderSync is false' });
    lease = await deps.locks.tryAcquire(tenantId);
    if (!lease) return report({ status: 'skipped', reason: 'another replica is syncing this tenant' });
    if (!(await deps.syncState.isRestored(tenantId))) await restoreTenant(deps, tenantId, { lease });
    const full = options.full === true || !(await deps.syncState.isMirrored(tenantId));
    const runId = `${options.runId ?? randomUUID()}:${tenantId}`;
    const counts = full ? await mirrorAll(deps, lease, tenantId, runId) : await syncChanges(deps, lease, tenantId);
    const done = report({ status: 'synced', mode: full ? 'full' : 'incremental', ...counts });
    await deps.syncState.saveLastSync(done).catch(() => {});
    return done;
  } catch (error) {
    const failed = report({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
    deps.log.error({ tenantId, err: error }, 'tenant sync failed; its pending changes stay for the next run');
    await deps.syncState.saveLastSync(failed).catch(() => {});
    return failed;
  } finally {
    await lease?.release();
  }
}

const ARCHIVE_UNAVAILABLE = new StoreUnavailable('mongodb').message;

export interface SyncRunOptions {
  trigger: SyncRunReport['trigger'];
  tenantId?: number;
  full?: boolean;
}

/** Every tenant that has orders in Redis or in the archive (a tenant Redis lost is restored first). */
async function tenantsToSync(deps: SyncDeps): Promise<number[]> {
  const hot = await deps.store.listTenants();
  const archived = await deps.archive.listTenants().catch(() => [] as number[]);
  return [...new Set([...hot, ...archived])].sort((a, b) => a - b);
}

export async function runSync(deps: SyncDeps, options: SyncRunOptions): Promise<SyncRunReport> {
  const started = deps.clock();
  const runId = randomUUID();
  const tenants: TenantSyncReport[] = [];
  let ok = true;
  try {
    const ids = options.tenantId === undefined ? await tenantsToSync(deps) : [options.tenantId];
    let archiveDown: string | null = null;
    for (const tenantId of ids) {
      // Once MongoDB is found unreachable (after retries), the other tenants are not made to wait
      // for it too: they keep their pending changes for the next run.
      const report: TenantSyncReport = archiveDown
        ? { tenantId, status: 'failed', mode: 'incremental', ordersWritten: 0, ordersDeleted: 0, startedAt: new Date(deps.clock()).toISOString(), durationMs: 0, error: archiveDown }
        : await syncTenant(deps, tenantId, { full: options.full, runId });
      if (report.status === 'failed') ok = false;
      if (report.error === ARCHIVE_UNAVAILABLE) archiveDown = report.error;
      tenants.push(report);
    }
  } catch (error) {
    ok = false;
    deps.log.error({ err: error }, 'sync run could not list its tenants');
  }
  const finished = deps.clock();
  const run: SyncRunReport = {
    runId,
    trigger: options.trigger,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    ok,
    tenants,
  };
  await deps.syncState.saveRun(run).catch(() => {});
  const written = tenants.reduce((n, t) => n + t.ordersWritten, 0);
  const deleted = tenants.reduce((n, t) => n + t.ordersDeleted, 0);
  deps.log[ok ? 'info' : 'error']({ runId, ok, tenants: tenants.length, written, deleted, durationMs: run.durationMs }, 'sync run finished');
  return run;
}

export interface ReplaceOutcome extends ReplaceSummary {
  /** Whether MongoDB already holds exactly the new set, or will at the next sync. */
  archive: 'written' | 'pending';
}

/**
 * PUT /orders: the tenant's set is switched atomically in Redis, then written to MongoDB, where
 * documents the new set lacks are deleted. If MongoDB fails midway the tenant is left "not
 * mirrored" and the next sync does a full pass, so MongoDB converges without transactions.
 */
export async function replaceTenantOrders(deps: SyncDeps, tenantId: number, orders: Order[]): Promise<ReplaceOutcome> {
  const lease = await deps.locks.acquire(tenantId, deps.settings.replaceLockWaitMs);
  if (!lease) throw new TenantBusy(tenantId, 1);
  try {
    const now = deps.clock();
    const summary = await deps.store.replaceAllOrders(tenantId, orders, now);
    // The new set is the whole truth: nothing archived before it may be restored over it.
    await deps.syncState.markRestored(tenantId);
    try {
      const runId = `replace:${randomUUID()}`;
      const live = orders.filter((o) => o.expiresAt === undefined || Date.parse(o.expiresAt) > now);
      for (let i = 0; i < live.length; i += deps.settings.batchSize) {
        const batch = live.slice(i, i + deps.settings.batchSize);
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

export interface RestoreReport {
  tenantId: number;
  status: 'restored' | 'skipped' | 'failed';
  reason?: string;
  ordersRead: number;
  ordersRestored: number;
  durationMs: number;
  error?: string;
}

/**
 * Puts a tenant's archived orders and configuration back into Redis after Redis lost them. An
 * order Redis holds in a newer state, or changed since (even deleted), is left as Redis has it.
 * Runs under the tenant lease, once: the tenant is then marked restored.
 */
export async function restoreTenant(
  deps: SyncDeps,
  tenantId: number,
  options: { force?: boolean; lease?: TenantLease } = {},
): Promise<RestoreReport> {
  const started = deps.clock();
  const report = (fields: Partial<RestoreReport> & Pick<RestoreReport, 'status'>): RestoreReport => ({
    tenantId,
    ordersRead: 0,
    ordersRestored: 0,
    durationMs: deps.clock() - started,
    ...fields,
  });
  // The periodic check calls this for every archived tenant: the common answer costs one read.
  if (!options.force && !options.lease && (await deps.syncState.isRestored(tenantId))) {
    return report({ status: 'skipped', reason: 'already restored' });
  }
  const lease = options.lease ?? (await deps.locks.acquire(tenantId, deps.settings.replaceLockWaitMs));
  if (!lease) return report({ status: 'skipped', reason: 'another replica holds this tenant' });
  try {
    if (!options.force && (await deps.syncState.isRestored(tenantId))) {
      return report({ status: 'skipped', reason: 'already restored' });
    }
    let ordersRead = 0;
    let ordersRestored = 0;
    for await (const batch of deps.archive.readOrders(tenantId, 500)) {
      ordersRead += batch.length;
      ordersRestored += await deps.store.restoreOrders(tenantId, batch, deps.clock());
    }
    if (!(await deps.configStore.getConfig(tenantId))) {
      const archived = await deps.configArchive.getConfig(tenantId);
      if (archived) await deps.configStore.putConfig(tenantId, archived);
    }
    await deps.syncState.markRestored(tenantId);
    if (ordersRestored > 0) deps.log.info({ tenantId, ordersRead, ordersRestored }, 'tenant restored from MongoDB');
    return report({ status: 'restored', ordersRead, ordersRestored });
  } finally {
    if (!options.lease) await lease.release();
  }
}

/** Restores every archived tenant not yet restored (all of them with `force`). */
export async function restoreAllTenants(deps: SyncDeps, options: { force?: boolean; tenantId?: number } = {}): Promise<RestoreReport[]> {
  const ids =
    options.tenantId !== undefined
      ? [options.tenantId]
      : [...new Set([...(await deps.archive.listTenants()), ...(await deps.configArchive.listTenants())])].sort((a, b) => a - b);
  const reports: RestoreReport[] = [];
  for (const tenantId of ids) {
    try {
      reports.push(await restoreTenant(deps, tenantId, { force: options.force }));
    } catch (error) {
      deps.log.error({ tenantId, err: error }, 'tenant restore failed');
      reports.push({ tenantId, status: 'failed', ordersRead: 0, ordersRestored: 0, durationMs: 0, error: String(error) });
    }
  }
  return reports;
}

/** Removes every expired order of every tenant, with its reservations; answers how many. */
export async function expireDueOrders(deps: Pick<SyncDeps, 'store' | 'clock'>, batch = 500): Promise<number> {
  let total = 0;
  for (const tenantId of await deps.store.listTenants()) {
    for (;;) {
      const removed = await deps.store.expireDueOrders(tenantId, deps.clock(), batch);
      total += removed;
      if (removed < batch) break;
    }
  }
  return total;
}
