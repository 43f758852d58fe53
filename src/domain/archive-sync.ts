import { randomUUID } from 'node:crypto';
import { StoreUnavailable } from './errors.js';
import type { Order } from './order.js';
import type { OrderChange, SyncRunReport, TenantLease, TenantSyncReport } from './ports.js';
import { restoreTenant } from './restore.js';
import { withBackoff } from './retry.js';
import type { SyncContext } from './sync-context.js';
import { getTenantConfig } from './tenant-config-service.js';

/**
 * What a sync does: makes MongoDB mirror each enabled tenant's orders in Redis.
 *
 * Redis records every change as "order X changed (token t)". An incremental sync writes the
 * current state of the changed orders (or deletes them) and forgets a change only if no newer one
 * came meanwhile, so its cost follows the churn and a change made during a run is written by the
 * next one at the latest. A full sync rewrites every order, tagged with its pass, then deletes what
 * the pass did not write; it runs when asked, and whenever the tenant is not known to be mirrored
 * (first sync, after a Redis loss, after a replacement whose archive write failed).
 */
export type ArchiveSyncDeps = SyncContext;

/** Our lease expired and another replica took the tenant: this pass stops, the other one goes on. */
export class LeaseLost extends Error {
  constructor(tenantId: number) {
    super(`the sync lease of tenant ${tenantId} expired and was taken over; stopping this pass`);
  }
}

interface Counts {
  ordersWritten: number;
  ordersDeleted: number;
}

/**
 * Fencing: an archive write happens only while our lease is still the one in force. A write that
 * fails because MongoDB did not answer is tried again; a lost lease is final.
 */
export async function fenced<T>(
  deps: Pick<SyncContext, 'syncSettings'>,
  lease: TenantLease,
  tenantId: number,
  write: () => Promise<T>,
): Promise<T> {
  return withBackoff(async () => {
    if (!(await lease.isHeld())) throw new LeaseLost(tenantId);
    return write();
  }, deps.syncSettings.retry);
}

function uniqueChanges(changes: OrderChange[]): OrderChange[] {
  return [...new Map(changes.map((c) => [c.orderId, c])).values()];
}

async function syncChanges(deps: ArchiveSyncDeps, lease: TenantLease, tenantId: number): Promise<Counts> {
  const counts = { ordersWritten: 0, ordersDeleted: 0 };
  let cursor = '0';
  do {
    const page = await deps.changes.readChanges(tenantId, cursor, deps.syncSettings.batchSize);
    cursor = page.cursor;
    const changes = uniqueChanges(page.changes);
    if (changes.length === 0) continue;
    const current = await deps.orders.getOrders(
      tenantId,
      changes.map((c) => c.orderId),
      deps.clock(),
    );
    const live = current.filter((o): o is Order => o !== null);
    const gone = changes.filter((_, i) => current[i] === null).map((c) => c.orderId);
    await fenced(deps, lease, tenantId, () => deps.archive.writeOrders(live, `change:${randomUUID()}`));
    await fenced(deps, lease, tenantId, () => deps.archive.deleteOrders(tenantId, gone));
    await deps.changes.ackChanges(tenantId, changes);
    counts.ordersWritten += live.length;
    counts.ordersDeleted += gone.length;
  } while (cursor !== '0');
  return counts;
}

async function readAllChanges(deps: ArchiveSyncDeps, tenantId: number): Promise<OrderChange[]> {
  const all: OrderChange[] = [];
  let cursor = '0';
  do {
    const page = await deps.changes.readChanges(tenantId, cursor, deps.syncSettings.batchSize);
    cursor = page.cursor;
    all.push(...page.changes);
  } while (cursor !== '0');
  return uniqueChanges(all);
}

/**
 * A tenant whose sync is off: its pending changes, which no sync will write, would only grow (every
 * order it ever wrote or deleted, in Redis, which all tenants share). They are dropped, and the
 * first sync once it is back on is full (mirrorAll), so the archive misses nothing. Under the
 * tenant's lease, so that no sync runs meanwhile; the mirror is forgotten first, so a run cut
 * short still leaves the next sync full.
 */
async function dropChanges(deps: ArchiveSyncDeps, tenantId: number): Promise<void> {
  await deps.syncState.forgetMirrored(tenantId);
  await ackAll(deps, tenantId, await readAllChanges(deps, tenantId));
}

/** Forgets these changes, a batch at a time, each only if its order did not change again since. */
async function ackAll(deps: ArchiveSyncDeps, tenantId: number, changes: OrderChange[]): Promise<void> {
  for (let i = 0; i < changes.length; i += deps.syncSettings.batchSize) {
    await deps.changes.ackChanges(tenantId, changes.slice(i, i + deps.syncSettings.batchSize));
  }
}

async function mirrorAll(deps: ArchiveSyncDeps, lease: TenantLease, tenantId: number, runId: string): Promise<Counts> {
  const settled = await readAllChanges(deps, tenantId);
  let ordersWritten = 0;
  for await (const batch of deps.orders.scanOrders(tenantId, deps.syncSettings.batchSize, deps.clock())) {
    await fenced(deps, lease, tenantId, () => deps.archive.writeOrders(batch, runId));
    ordersWritten += batch.length;
  }
  const ordersDeleted = await fenced(deps, lease, tenantId, () => deps.archive.deleteOrdersNotWrittenBy(tenantId, runId));
  await ackAll(deps, tenantId, settled);
  await deps.syncState.markMirrored(tenantId);
  return { ordersWritten, ordersDeleted };
}

export interface SyncTenantOptions {
  full?: boolean;
  runId?: string;
}

/** A tenant's sync report, and whether it failed because MongoDB did not answer. */
interface TenantSyncOutcome {
  report: TenantSyncReport;
  archiveUnavailable: boolean;
}

async function syncTenantOnce(deps: ArchiveSyncDeps, tenantId: number, options: SyncTenantOptions): Promise<TenantSyncOutcome> {
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
    if (!config.enableInternalOrderSync) {
      lease = await deps.locks.tryAcquire(tenantId);
      if (lease) await dropChanges(deps, tenantId);
      return { report: report({ status: 'skipped', reason: 'enableInternalOrderSync is false' }), archiveUnavailable: false };
    }
    lease = await deps.locks.tryAcquire(tenantId);
    if (!lease)
      return { report: report({ status: 'skipped', reason: 'another replica is syncing this tenant' }), archiveUnavailable: false };
    if (!(await deps.syncState.isRestored(tenantId))) await restoreTenant(deps, tenantId, { lease });
    const full = options.full === true || !(await deps.syncState.isMirrored(tenantId));
    const runId = `${options.runId ?? randomUUID()}:${tenantId}`;
    const counts = full ? await mirrorAll(deps, lease, tenantId, runId) : await syncChanges(deps, lease, tenantId);
    const done = report({ status: 'synced', mode: full ? 'full' : 'incremental', ...counts });
    await deps.syncState.saveLastSync(done).catch(() => {});
    return { report: done, archiveUnavailable: false };
  } catch (error) {
    const failed = report({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
    deps.log.error({ tenantId, err: error }, 'tenant sync failed; its pending changes stay for the next run');
    await deps.syncState.saveLastSync(failed).catch(() => {});
    return { report: failed, archiveUnavailable: error instanceof StoreUnavailable && error.store === 'mongodb' };
  } finally {
    await lease?.release();
  }
}

export async function syncTenant(deps: ArchiveSyncDeps, tenantId: number, options: SyncTenantOptions = {}): Promise<TenantSyncReport> {
  return (await syncTenantOnce(deps, tenantId, options)).report;
}

export interface SyncRunOptions {
  trigger: SyncRunReport['trigger'];
  tenantId?: number;
  full?: boolean;
}

/** Every tenant that has orders in Redis or in the archive (a tenant Redis lost is restored first). */
async function tenantsToSync(deps: ArchiveSyncDeps): Promise<number[]> {
  const hot = await deps.tenants.listTenants();
  const archived = await deps.archive.listTenants().catch(() => [] as number[]);
  return [...new Set([...hot, ...archived])].sort((a, b) => a - b);
}

/** One sync batch over every tenant (or the one asked for). */
export async function runSync(deps: ArchiveSyncDeps, options: SyncRunOptions): Promise<SyncRunReport> {
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
      let report: TenantSyncReport;
      if (archiveDown) {
        report = {
          tenantId,
          status: 'failed',
          mode: 'incremental',
          ordersWritten: 0,
          ordersDeleted: 0,
          startedAt: new Date(deps.clock()).toISOString(),
          durationMs: 0,
          error: archiveDown,
        };
      } else {
        const outcome = await syncTenantOnce(deps, tenantId, { full: options.full, runId });
        report = outcome.report;
        if (outcome.archiveUnavailable) archiveDown = report.error ?? 'mongodb is unavailable';
      }
      if (report.status === 'failed') ok = false;
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
  deps.log[ok ? 'info' : 'error'](
    { runId, ok, tenants: tenants.length, written, deleted, durationMs: run.durationMs },
    'sync run finished',
  );
  return run;
}
