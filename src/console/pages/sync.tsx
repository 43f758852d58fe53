/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import { StoreUnavailable } from '../../domain/errors.js';
import { DomainError } from '../../domain/errors.js';
import type { SyncRunReport, TenantSyncReport } from '../../domain/ports.js';
import { restoreAllTenants } from '../../domain/restore.js';
import { getTenantConfig, putTenantConfig } from '../../domain/tenant-config-service.js';
import { TenantConfigInputSchema } from '../../routes/tenant-config/tenant-config.routes.js';
import { validationFailure } from '../../routes/validation.js';
import { formOf, runAction } from '../actions.js';
import { isAdmin, tenantPath, type ConsoleEnv } from '../env.js';
import { Badge, Csrf, Empty, formatDuration, Num, syncTone, TableWrap, Time } from '../format.js';
import { Card, renderPage } from '../layout.js';
import { SyncSwitch } from './tenants.js';

/** Runs kept by Redis are read back this far to find the tenant's. */
const RUNS_READ = 200;

/** GET /console/tenants/:tenantId/sync: status, switches, the buttons, and the history of the tenant's runs. */
export async function syncPage(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  const services = c.get('services');
  const [config, pendingChanges, mirrored, runs] = await Promise.all([
    getTenantConfig(services, tenantId).catch((error) => {
      if (error instanceof StoreUnavailable) return null;
      throw error;
    }),
    services.changes.countPendingChanges(tenantId),
    services.syncState.isMirrored(tenantId),
    services.syncState.listRuns(RUNS_READ),
  ]);
  const history = runs
    .map((run) => ({ run, report: run.tenants.find((t) => t.tenantId === tenantId) }))
    .filter((entry): entry is { run: SyncRunReport; report: TenantSyncReport } => entry.report !== undefined);
  const csrf = c.get('session').csrfToken;
  const admin = isAdmin(c.get('session').identity);
  const here = tenantPath(tenantId, '/sync');
  return renderPage(
    c,
    { title: `Tenant ${tenantId} · Sync`, tenant: { id: tenantId, tab: 'sync' } },
    <>
      <div class="grid-2">
        <Card title="Sync to MongoDB" id="sync-actions">
          <dl class="facts">
            <div>
              <dt>Pending changes</dt>
              <dd>
                <Num value={pendingChanges} />
              </dd>
            </div>
            <div>
              <dt>MongoDB mirrors it</dt>
              <dd>{mirrored ? <Badge tone="ok">yes</Badge> : <Badge tone="warn">not yet (a full sync confirms it)</Badge>}</dd>
            </div>
            <div>
              <dt>Sync running</dt>
              <dd>{services.syncRunner.running ? <Badge tone="info">running</Badge> : <span class="muted">no</span>}</dd>
            </div>
          </dl>
          {admin ? (
            <div class="button-row">
              <form method="post" action={tenantPath(tenantId, '/sync/run')} class="inline">
                <Csrf token={csrf} />
                <input type="hidden" name="mode" value="incremental" />
                <button type="submit" class="btn btn-primary" data-action="sync-now">
                  Sync now
                </button>
              </form>
              <form method="post" action={tenantPath(tenantId, '/sync/run')} class="inline">
                <Csrf token={csrf} />
                <input type="hidden" name="mode" value="full" />
                <button type="submit" class="btn" data-action="full-sync">
                  Full sync
                </button>
              </form>
              <form
                method="post"
                action={tenantPath(tenantId, '/sync/restore')}
                class="inline"
                hx-confirm={`Restore tenant ${tenantId} from MongoDB? Archived orders, configuration and capacities are written back into Redis (never over a newer state).`}
              >
                <Csrf token={csrf} />
                <button type="submit" class="btn btn-danger" data-action="restore">
                  Restore from MongoDB…
                </button>
              </form>
            </div>
          ) : (
            <p class="muted small">Running a sync or a restore takes the admin key.</p>
          )}
        </Card>
        <Card title="Configuration" id="config">
          {config === null ? (
            <p class="error-text">The configuration cannot be read now (a store is unavailable).</p>
          ) : (
            <>
              <div class="inline-field">
                <span>Internal order sync</span>
                <SyncSwitch tenantId={tenantId} enabled={config.enableInternalOrderSync} csrf={csrf} back={here} />
              </div>
              <form method="post" action={tenantPath(tenantId, '/config')} class="stack">
                <Csrf token={csrf} />
                <label for="thresholds">Saturation thresholds</label>
                <input
                  id="thresholds"
                  name="saturationThresholds"
                  value={config.saturationThresholds.join(', ')}
                  aria-describedby="thresholds-help"
                />
                <p id="thresholds-help" class="muted small">
                  Saturations whose crossing is told as an event, ascending, comma-separated (1 = a capacity reached).
                </p>
                <div>
                  <button type="submit" class="btn">
                    Save thresholds
                  </button>
                </div>
              </form>
            </>
          )}
        </Card>
      </div>
      <Card title="Sync history" id="history">
        {history.length === 0 ? (
          <Empty title="No sync run has touched this tenant yet.">
            {admin
              ? 'Press “Sync now” to write its pending changes to MongoDB; the scheduled run does it every ten minutes.'
              : 'The scheduled run writes its changes every ten minutes.'}
          </Empty>
        ) : (
          <TableWrap label="Sync runs">
            <table class="table" data-sync-runs="">
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">Trigger</th>
                  <th scope="col">Mode</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="right">
                    Written
                  </th>
                  <th scope="col" class="right">
                    Deleted
                  </th>
                  <th scope="col" class="right">
                    Took
                  </th>
                  <th scope="col">Error</th>
                </tr>
              </thead>
              <tbody>
                {history.map(({ run, report }) => (
                  <tr data-run={run.runId} class={report.status === 'failed' ? 'row-bad' : ''}>
                    <td>
                      <Time iso={report.startedAt} />
                    </td>
                    <td>{run.trigger}</td>
                    <td>{report.mode}</td>
                    <td>
                      <Badge tone={syncTone(report.status)}>{report.status}</Badge>
                      {report.reason ? <span class="muted small"> {report.reason}</span> : null}
                    </td>
                    <td class="right">
                      <Num value={report.ordersWritten} />
                    </td>
                    <td class="right">
                      <Num value={report.ordersDeleted} />
                    </td>
                    <td class="right">{formatDuration(report.durationMs)}</td>
                    <td class="error-text">{report.error ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Card>
    </>,
  );
}

/** POST /console/tenants/:tenantId/sync/run (POST /admin/sync for this tenant): incremental or full. */
export async function runSync(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  const form = await formOf(c);
  const full = form.mode === 'full';
  return runAction(c, tenantPath(tenantId, '/sync'), async () => {
    const run = await c.get('services').syncRunner.run({ trigger: 'admin', tenantId, full });
    const report = run.tenants.find((t) => t.tenantId === tenantId);
    if (!report) return `${full ? 'Full sync' : 'Sync'} ran: nothing to do for tenant ${tenantId}.`;
    if (report.status === 'failed')
      throw new DomainError('CONFLICT', `${full ? 'Full sync' : 'Sync'} failed: ${report.error ?? 'see the history'}`);
    return `${full ? 'Full sync' : 'Sync'} ${report.status}: ${report.ordersWritten} order(s) written, ${report.ordersDeleted} deleted${report.reason ? ` (${report.reason})` : ''}.`;
  });
}

/** POST /console/tenants/:tenantId/sync/restore (POST /admin/restore for this tenant, forced). */
export async function restoreTenant(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  return runAction(c, tenantPath(tenantId, '/sync'), async () => {
    const services = c.get('services');
    const reports = await restoreAllTenants(services, { tenantId, force: true });
    await services.reconciler.afterRestore(reports);
    const report = reports.find((r) => r.tenantId === tenantId);
    if (!report) return `Nothing to restore for tenant ${tenantId}.`;
    if (report.status === 'failed') throw new DomainError('CONFLICT', `Restore failed: ${report.error ?? 'unknown error'}`);
    return `Restore ${report.status}: ${report.ordersRestored} of ${report.ordersRead} archived order(s) written back${report.reason ? ` (${report.reason})` : ''}.`;
  });
}

/** POST /console/tenants/:tenantId/config: the saturation thresholds (PUT /{tenantId}/config). */
export async function saveConfig(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  const form = await formOf(c);
  return runAction(c, tenantPath(tenantId, '/sync'), async () => {
    const services = c.get('services');
    const current = await getTenantConfig(services, tenantId);
    const thresholds = (form.saturationThresholds ?? '')
      .split(/[,\s]+/)
      .filter(Boolean)
      .map((t) => (/^\d+(\.\d+)?$/.test(t) ? Number(t) : t));
    const parsed = TenantConfigInputSchema.safeParse({
      enableInternalOrderSync: current.enableInternalOrderSync,
      saturationThresholds: thresholds,
    });
    if (!parsed.success) throw new DomainError('VALIDATION_FAILED', `Not saved: ${validationFailure(parsed.error).message}`);
    await putTenantConfig(services, tenantId, {
      enableInternalOrderSync: parsed.data.enableInternalOrderSync,
      saturationThresholds: parsed.data.saturationThresholds ?? current.saturationThresholds,
      reservationPolicy: current.reservationPolicy,
      defaultHoldSeconds: current.defaultHoldSeconds,
    });
    services.tenantConfigs.forget(tenantId);
    return `Saturation thresholds of tenant ${tenantId} saved.`;
  });
}
