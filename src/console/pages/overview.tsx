/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import { setOriginCapacity } from '../../domain/capacities.js';
import type { StockOriginListItem } from '../../domain/reservation.js';
import { getTenantConfig } from '../../domain/tenant-config-service.js';
import { validationFailure } from '../../schemas/validation.js';
import { CapacitySchema } from '../../schemas/capacity.js';
import { StockOriginCodeSchema } from '../../schemas/common.js';
import { DomainError } from '../../domain/errors.js';
import { formOf, runAction } from '../actions.js';
import { tenantPath, type ConsoleEnv } from '../env.js';
import { Badge, Csrf, Empty, formatNumber, Num, Percent, syncTone, TableWrap, Time } from '../format.js';
import { Card, renderPage } from '../layout.js';
import { SyncSwitch } from './tenants.js';

/** The most origins the page lists. */
const MAX_ORIGINS = 500;

function Figure({ label, value, hint }: { label: string; value: number; hint?: string }) {
  return (
    <div class="figure">
      <dt>{label}</dt>
      <dd>
        <Num value={value} />
        {hint ? <span class="figure-hint">{hint}</span> : null}
      </dd>
    </div>
  );
}

/** The origin's bar: its saturation when it has a capacity, else its share of the busiest origin's units. */
function LoadBar({ origin, maxQty }: { origin: StockOriginListItem; maxQty: number }) {
  const ratio = origin.saturation ?? (maxQty > 0 ? origin.reservedQty / maxQty : 0);
  const width = Math.min(100, Math.max(0, ratio * 100));
  const tone = origin.saturation === null ? 'plain' : origin.saturation >= 1 ? 'full' : origin.saturation >= 0.8 ? 'high' : 'ok';
  const label =
    origin.saturation === null
      ? `${formatNumber(origin.reservedQty)} units, no capacity set`
      : `saturation ${Math.round(origin.saturation * 100)} %`;
  return (
    <div class="bar" role="img" aria-label={`${origin.code}: ${label}`}>
      <span class={`bar-fill bar-${tone}`} style={`width:${width.toFixed(1)}%`}></span>
    </div>
  );
}

const limitText = (value: number | null) => (value === null ? '' : String(value));

function CapacityForm({ tenantId, origin, csrf }: { tenantId: number; origin: StockOriginListItem; csrf: string }) {
  const id = `cap-${origin.code.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const capacity = origin.capacity;
  return (
    <details class="capacity">
      <summary>
        {capacity
          ? [
              capacity.maxQty !== null ? `${formatNumber(capacity.maxQty)} units` : null,
              capacity.maxLines !== null ? `${formatNumber(capacity.maxLines)} lines` : null,
              capacity.maxOrders !== null ? `${formatNumber(capacity.maxOrders)} orders` : null,
            ]
              .filter(Boolean)
              .join(' · ')
          : 'Set capacity'}
        <span class="sr-only"> of {origin.code}</span>
      </summary>
      <form method="post" action={tenantPath(tenantId, `/origins/${encodeURIComponent(origin.code)}/capacity`)} class="capacity-form">
        <Csrf token={csrf} />
        <label for={`${id}-qty`}>Max units</label>
        <input
          id={`${id}-qty`}
          name="maxQty"
          type="number"
          min="1"
          step="1"
          inputmode="numeric"
          value={limitText(capacity?.maxQty ?? null)}
        />
        <label for={`${id}-lines`}>Max lines</label>
        <input
          id={`${id}-lines`}
          name="maxLines"
          type="number"
          min="1"
          step="1"
          inputmode="numeric"
          value={limitText(capacity?.maxLines ?? null)}
        />
        <label for={`${id}-orders`}>Max orders</label>
        <input
          id={`${id}-orders`}
          name="maxOrders"
          type="number"
          min="1"
          step="1"
          inputmode="numeric"
          value={limitText(capacity?.maxOrders ?? null)}
        />
        <button type="submit" class="btn btn-small btn-primary">
          Save
        </button>
        <p class="muted small">Empty: no limit. All empty removes the capacity.</p>
      </form>
    </details>
  );
}

/** GET /console/tenants/:tenantId: key figures, the sync switch, and the stock origins by saturation. */
export async function overviewPage(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  const services = c.get('services');
  const now = services.clock();
  const [summary, origins, config] = await Promise.all([
    services.reservations.summary(tenantId, now),
    services.reservations.listStockOrigins(tenantId, now, MAX_ORIGINS),
    getTenantConfig(services, tenantId).catch(() => null),
  ]);
  // Most saturated first, then (no capacity) most units reserved: the API's own ranking.
  const maxQty = Math.max(0, ...origins.origins.map((o) => o.reservedQty));
  const csrf = c.get('session').csrfToken;
  return renderPage(
    c,
    { title: `Tenant ${tenantId}`, tenant: { id: tenantId, tab: 'overview' } },
    <>
      <Card title="Key figures" id="figures">
        <dl class="figures" data-summary="">
          <Figure label="Orders" value={summary.orders} />
          <Figure label="Carts" value={summary.carts} />
          <Figure label="External orders" value={summary.externalOrders} />
          <Figure label="Lines" value={summary.lines} />
          <Figure label="Reserved units" value={summary.reservedQty} />
          <Figure label="Stock origins" value={summary.origins} />
          <Figure label="Articles" value={summary.articles} />
          <Figure label="Expiring within 1 h" value={summary.expiringWithinHour} />
          <Figure label="Pending changes" value={summary.pendingChanges} />
        </dl>
        <div class="row-between">
          <p class="muted">
            Last sync:{' '}
            {summary.lastSync ? (
              <>
                <Badge tone={syncTone(summary.lastSync.status)}>{summary.lastSync.status}</Badge> <Time iso={summary.lastSync.startedAt} />
                {summary.lastSync.error ? <span class="error-text"> — {summary.lastSync.error}</span> : null}
              </>
            ) : (
              'never'
            )}
          </p>
          <div class="inline-field">
            <span id="sync-switch-label">Internal order sync</span>
            <SyncSwitch tenantId={tenantId} enabled={config?.enableInternalOrderSync ?? null} csrf={csrf} back={tenantPath(tenantId)} />
          </div>
        </div>
      </Card>
      <Card title="Stock origins by saturation" id="origins">
        {origins.origins.length === 0 ? (
          <Empty title="No stock origin holds anything yet.">
            Origins appear once orders with lines there are written; set a capacity to follow saturation.
          </Empty>
        ) : (
          <TableWrap label="Stock origins">
            <table class="table" data-origins="">
              <thead>
                <tr>
                  <th scope="col">Origin</th>
                  <th scope="col" class="w-bar">
                    Load
                  </th>
                  <th scope="col" class="right">
                    Saturation
                  </th>
                  <th scope="col" class="right">
                    Units
                  </th>
                  <th scope="col" class="right">
                    Lines
                  </th>
                  <th scope="col" class="right">
                    Orders
                  </th>
                  <th scope="col">Capacity</th>
                </tr>
              </thead>
              <tbody>
                {origins.origins.map((origin) => (
                  <tr data-origin={origin.code}>
                    <th scope="row">
                      <a
                        href={tenantPath(tenantId, `/orders?code=${encodeURIComponent(origin.code)}`)}
                        title={`Orders with a line at ${origin.code}`}
                      >
                        {origin.code}
                      </a>
                    </th>
                    <td>
                      <LoadBar origin={origin} maxQty={maxQty} />
                    </td>
                    <td class="right">
                      <Percent value={origin.saturation} />
                    </td>
                    <td class="right">
                      <Num value={origin.reservedQty} />
                    </td>
                    <td class="right">
                      <Num value={origin.lineCount} />
                    </td>
                    <td class="right">
                      <Num value={origin.orderCount} />
                    </td>
                    <td>
                      <CapacityForm tenantId={tenantId} origin={origin} csrf={csrf} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {origins.total > origins.origins.length ? (
          <p class="muted small">
            The first {formatNumber(origins.origins.length)} of {formatNumber(origins.total)} origins.
          </p>
        ) : null}
      </Card>
    </>,
  );
}

/** An empty field is no limit; anything else must pass the API's own schema. */
function limitOf(value: string | undefined): number | null | string {
  const text = (value ?? '').trim();
  if (text === '') return null;
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** POST /console/tenants/:tenantId/origins/:code/capacity (PUT /{tenantId}/stock-origins/{code}/capacity). */
export async function setCapacity(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  const code = c.req.param('code') ?? '';
  const form = await formOf(c);
  return runAction(c, tenantPath(tenantId), async () => {
    if (!StockOriginCodeSchema.safeParse(code).success)
      throw new DomainError('VALIDATION_FAILED', `code: “${code}” is not a stock origin code`);
    const parsed = CapacitySchema.safeParse({
      maxQty: limitOf(form.maxQty),
      maxLines: limitOf(form.maxLines),
      maxOrders: limitOf(form.maxOrders),
    });
    if (!parsed.success)
      throw new DomainError('VALIDATION_FAILED', `Capacity of ${code} not changed: ${validationFailure(parsed.error).message}`);
    const set = await setOriginCapacity(c.get('services'), tenantId, code, parsed.data);
    return set ? `Capacity of ${code} saved.` : `Capacity of ${code} removed.`;
  });
}
