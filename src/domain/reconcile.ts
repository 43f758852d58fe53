import { StoreUnavailable } from './errors.js';
import type { DomainLogger } from './logger.js';
import type { ReservationAuditor, ReservationDrift, TenantRegistry } from './ports.js';
import { auditStockLevels, type StockDeps } from './stock-levels.js';

/**
 * The self-check: every reservation figure is recomputed from the stored orders and compared
 * with what the store holds. A figure can drift only if something bypassed the scripts (a hand
 * edit, a partial restore of a Redis backup, a bug); when it has, the drift is reported (which
 * origin, which article, stored vs recomputed), logged, counted, and repaired. The stock levels
 * are compared with their archive the same way (auditStockLevels).
 */
export interface ReconcileSettings {
  /** A tenant with more stored orders is not checked: its check would keep Redis busy too long. */
  maxOrders: number;
  /** Drifts listed per tenant in a report (all are counted). */
  maxReported: number;
}

/** Drifts listed per tenant in a report. */
export const RECONCILE_MAX_REPORTED = 1000;

export interface ReconcileDeps {
  tenants: TenantRegistry;
  auditor: ReservationAuditor;
  clock: () => number;
  log: DomainLogger;
  settings: ReconcileSettings;
  /** The stock levels and their archive, checked against each other (none: not checked). */
  levels?: StockDeps;
}

export interface TenantReconcileReport {
  tenantId: number;
  /** `consistent`: nothing drifted; `repaired`: drift found and fixed; `drifted`: found, dry run. */
  status: 'consistent' | 'repaired' | 'drifted' | 'skipped' | 'failed';
  reason?: string;
  ordersChecked: number;
  driftCount: number;
  drift: ReservationDrift[];
  unreadableOrders: string[];
  durationMs: number;
  error?: string;
}

export interface ReconcileRunReport {
  trigger: 'admin' | 'schedule' | 'restore';
  dryRun: boolean;
  startedAt: string;
  durationMs: number;
  driftCount: number;
  tenants: TenantReconcileReport[];
}

export interface ReconcileOptions {
  trigger: ReconcileRunReport['trigger'];
  tenantIds?: number[];
  dryRun?: boolean;
}

export async function reconcileTenant(deps: ReconcileDeps, tenantId: number, dryRun: boolean): Promise<TenantReconcileReport> {
  const started = deps.clock();
  const base = { tenantId, ordersChecked: 0, driftCount: 0, drift: [], unreadableOrders: [] };
  try {
    const outcome = await deps.auditor.auditTenant(tenantId, { dryRun, ...deps.settings });
    const durationMs = deps.clock() - started;
    if (outcome.status === 'too-large') {
      deps.log.warn(
        { tenantId, orders: outcome.ordersChecked, maxOrders: deps.settings.maxOrders },
        'reconcile skipped: tenant over RECONCILE_MAX_ORDERS',
      );
      return {
        ...base,
        status: 'skipped',
        reason: `over ${deps.settings.maxOrders} orders`,
        ordersChecked: outcome.ordersChecked,
        durationMs,
      };
    }
    const { ordersChecked, unreadableOrders } = outcome;
    let { driftCount, drift } = outcome;
    if (deps.levels) {
      const levels = await auditStockLevels(deps.levels, tenantId, dryRun);
      driftCount += levels.length;
      drift = [...drift, ...levels].slice(0, deps.settings.maxReported);
    }
    if (driftCount > 0 || unreadableOrders.length > 0) {
      deps.log.warn(
        { tenantId, driftCount, drift: drift.slice(0, 20), unreadableOrders: unreadableOrders.slice(0, 20), repaired: !dryRun },
        dryRun ? 'reservation figures drifted from the orders' : 'reservation figures drifted from the orders; repaired',
      );
    }
    const status = driftCount === 0 ? 'consistent' : dryRun ? 'drifted' : 'repaired';
    return { tenantId, status, ordersChecked, driftCount, drift, unreadableOrders, durationMs };
  } catch (error) {
    // Redis away: no tenant can be checked, the caller is told so (503) rather than each one failing.
    if (error instanceof StoreUnavailable) throw error;
    deps.log.error({ tenantId, err: error }, 'reconcile failed');
    return { ...base, status: 'failed', durationMs: deps.clock() - started, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Runs the self-check over some tenants (all those with orders, by default), one after the other.
 * Listeners see every run (metrics count the drift found).
 */
export class Reconciler {
  private readonly listeners: ((report: ReconcileRunReport) => void)[] = [];

  constructor(private readonly deps: ReconcileDeps) {}

  onReport(listener: (report: ReconcileRunReport) => void): void {
    this.listeners.push(listener);
  }

  /** The daily check, by one replica (the others find it claimed). */
  async runScheduled(): Promise<ReconcileRunReport | null> {
    if (!(await this.deps.auditor.claimScheduledRun(10 * 60_000))) return null;
    return this.run({ trigger: 'schedule' });
  }

  /** After a restore wrote orders back into Redis: checks the tenants it wrote to. */
  async afterRestore(reports: { tenantId: number; ordersRestored: number }[]): Promise<ReconcileRunReport | null> {
    const tenantIds = reports.filter((r) => r.ordersRestored > 0).map((r) => r.tenantId);
    return tenantIds.length === 0 ? null : this.run({ trigger: 'restore', tenantIds });
  }

  async run(options: ReconcileOptions): Promise<ReconcileRunReport> {
    const started = this.deps.clock();
    const dryRun = options.dryRun ?? false;
    const ids = options.tenantIds ?? (await this.deps.tenants.listTenants());
    const tenants: TenantReconcileReport[] = [];
    const many = ids.length > 1;
    try {
      if (many) await this.deps.auditor.beginAudit();
      for (const tenantId of ids) tenants.push(await reconcileTenant(this.deps, tenantId, dryRun));
    } finally {
      if (many) this.deps.auditor.endAudit();
    }
    const report: ReconcileRunReport = {
      trigger: options.trigger,
      dryRun,
      startedAt: new Date(started).toISOString(),
      durationMs: this.deps.clock() - started,
      driftCount: tenants.reduce((n, t) => n + t.driftCount, 0),
      tenants,
    };
    for (const listener of this.listeners) listener(report);
    return report;
  }
}
