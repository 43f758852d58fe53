/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { TenantReconcileReport } from '../../domain/reconcile.js';
import { errorText, formOf } from '../actions.js';
import { tenantPath, type ConsoleEnv, type Flash } from '../env.js';
import { Badge, Csrf, Empty, formatDuration, Num, TableWrap } from '../format.js';
import { Card, renderPage } from '../layout.js';

const statusTone = (status: TenantReconcileReport['status']) =>
  status === 'consistent' || status === 'repaired' ? 'ok' : status === 'drifted' ? 'warn' : status === 'failed' ? 'bad' : 'neutral';

function Report({ report, dryRun }: { report: TenantReconcileReport; dryRun: boolean }) {
  return (
    <div data-reconcile-report="" data-status={report.status}>
      <dl class="facts">
        <div>
          <dt>Outcome</dt>
          <dd>
            <Badge tone={statusTone(report.status)}>{report.status}</Badge>{' '}
            {dryRun ? <span class="muted small">(dry run: nothing changed)</span> : null}
          </dd>
        </div>
        <div>
          <dt>Orders checked</dt>
          <dd>
            <Num value={report.ordersChecked} />
          </dd>
        </div>
        <div>
          <dt>Figures drifted</dt>
          <dd>
            <Num value={report.driftCount} />
          </dd>
        </div>
        <div>
          <dt>Took</dt>
          <dd>{formatDuration(report.durationMs)}</dd>
        </div>
      </dl>
      {report.reason ? <p class="muted">{report.reason}</p> : null}
      {report.error ? <p class="error-text">{report.error}</p> : null}
      {report.unreadableOrders.length > 0 ? (
        <p class="error-text">Unreadable orders (they reserve nothing once repaired): {report.unreadableOrders.join(', ')}</p>
      ) : null}
      {report.drift.length > 0 ? (
        <TableWrap label="Drift">
          <table class="table" data-drift="">
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">Origin / key</th>
                <th scope="col">Article</th>
                <th scope="col" class="right">
                  Stored
                </th>
                <th scope="col" class="right">
                  Recomputed
                </th>
              </tr>
            </thead>
            <tbody>
              {report.drift.map((d) => (
                <tr>
                  <td>{d.figure}</td>
                  <td class="mono">{d.code}</td>
                  <td class="mono">{d.artGuid ?? ''}</td>
                  <td class="right">{typeof d.stored === 'number' ? <Num value={d.stored} /> : d.stored === null ? '—' : d.stored}</td>
                  <td class="right">
                    <Num value={d.recomputed} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </div>
  );
}

function renderSelfCheck(c: Context<ConsoleEnv>, result: { report: TenantReconcileReport; dryRun: boolean } | null, flash: Flash | null) {
  const tenantId = c.get('consoleTenant');
  const csrf = c.get('session').csrfToken;
  const drifted = result?.dryRun && result.report.driftCount > 0;
  return renderPage(
    c,
    { title: `Tenant ${tenantId} · Self-check`, tenant: { id: tenantId, tab: 'self-check' }, flash },
    <Card title="Reservation figures against the orders" id="self-check">
      <p class="muted">
        Recomputes every reservation figure, index entry and counter from the tenant's orders and compares. A dry run changes nothing; a
        repair rewrites the figures that drifted.
      </p>
      <div class="button-row">
        <form method="post" action={tenantPath(tenantId, '/self-check')} class="inline">
          <Csrf token={csrf} />
          <input type="hidden" name="mode" value="dry-run" />
          <button type="submit" class={drifted ? 'btn' : 'btn btn-primary'} data-action="dry-run">
            Check (dry run)
          </button>
        </form>
        <form
          method="post"
          action={tenantPath(tenantId, '/self-check')}
          class="inline"
          hx-confirm={`Repair the reservation figures of tenant ${tenantId}? The figures that drifted are rewritten from the orders.`}
        >
          <Csrf token={csrf} />
          <input type="hidden" name="mode" value="repair" />
          <button type="submit" class={drifted ? 'btn btn-primary' : 'btn'} data-action="repair">
            Repair…
          </button>
        </form>
      </div>
      {result ? (
        <Report report={result.report} dryRun={result.dryRun} />
      ) : (
        <Empty title="No check run from here yet.">Start with a dry run: it shows what drifted, if anything, without changing it.</Empty>
      )}
    </Card>,
  );
}

export function selfCheckPage(c: Context<ConsoleEnv>) {
  return renderSelfCheck(c, null, null);
}

/** POST /console/tenants/:tenantId/self-check (POST /admin/reconcile for this tenant): its report is the page. */
export async function runSelfCheck(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  const dryRun = (await formOf(c)).mode !== 'repair';
  try {
    const run = await c.get('services').reconciler.run({ trigger: 'admin', tenantIds: [tenantId], dryRun });
    const report = run.tenants.find((t) => t.tenantId === tenantId) ?? {
      tenantId,
      status: 'consistent' as const,
      reason: 'the tenant holds no order',
      ordersChecked: 0,
      driftCount: 0,
      drift: [],
      unreadableOrders: [],
      durationMs: run.durationMs,
    };
    const text = dryRun
      ? report.driftCount === 0
        ? 'Dry run: every figure matches the orders.'
        : `Dry run: ${report.driftCount} figure(s) drifted. Repair to fix them.`
      : report.status === 'repaired'
        ? `Repaired ${report.driftCount} figure(s).`
        : `Checked: ${report.status}.`;
    return renderSelfCheck(c, { report, dryRun }, { kind: report.status === 'failed' ? 'error' : 'ok', text });
  } catch (error) {
    return renderSelfCheck(c, null, { kind: 'error', text: errorText(c, error) });
  }
}
