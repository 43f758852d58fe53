/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import { listTenantOverviews, type TenantOverview } from '../../domain/tenants.js';
import { putTenantConfig, getTenantConfig } from '../../domain/tenant-config-service.js';
import { formOf, runAction } from '../actions.js';
import { CONSOLE_BASE, tenantPath, type ConsoleEnv } from '../env.js';
import { Badge, Csrf, Empty, Num, syncTone, TableWrap, Time } from '../format.js';
import { Card, renderPage } from '../layout.js';
import { consolePathOr } from '../session.js';

/** The most tenants the list shows (the API pages through more). */
const MAX_TENANTS = 1000;

type SortKey = 'tenantId' | 'orders' | 'carts' | 'reservedQty' | 'origins' | 'pendingChanges' | 'lastSync';
const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'tenantId', label: 'Tenant' },
  { key: 'orders', label: 'Orders' },
  { key: 'carts', label: 'Carts' },
  { key: 'reservedQty', label: 'Reserved qty' },
  { key: 'origins', label: 'Origins' },
  { key: 'pendingChanges', label: 'Pending changes' },
  { key: 'lastSync', label: 'Last sync' },
];
const isSortKey = (value: string | undefined): value is SortKey => COLUMNS.some((column) => column.key === value);

function sortValue(tenant: TenantOverview, key: SortKey): number | string {
  if (key === 'lastSync') return tenant.lastSync?.startedAt ?? '';
  return tenant[key];
}

/** The switch of a tenant's enableInternalOrderSync: a form of one button, effective at once. */
export function SyncSwitch({ tenantId, enabled, csrf, back }: { tenantId: number; enabled: boolean | null; csrf: string; back: string }) {
  const on = enabled !== false;
  return (
    <form method="post" action={tenantPath(tenantId, '/sync-flag')} class="inline">
      <Csrf token={csrf} />
      <input type="hidden" name="enable" value={on ? 'false' : 'true'} />
      <input type="hidden" name="back" value={back} />
      <button
        type="submit"
        class="switch"
        role="switch"
        aria-checked={on ? 'true' : 'false'}
        aria-label={`Internal order sync of tenant ${tenantId}`}
        data-sync-switch={String(tenantId)}
      >
        <span class="switch-track" aria-hidden="true">
          <span class="switch-thumb"></span>
        </span>
        <span class="switch-text">{on ? 'On' : 'Off'}</span>
      </button>
    </form>
  );
}

export async function tenantsPage(c: Context<ConsoleEnv>) {
  const services = c.get('services');
  const q = (c.req.query('q') ?? '').trim();
  const sortParam = c.req.query('sort');
  const sort: SortKey = isSortKey(sortParam) ? sortParam : 'tenantId';
  const dir = c.req.query('dir') === 'desc' ? 'desc' : 'asc';
  const { tenants: all, nextCursor } = await listTenantOverviews(services, MAX_TENANTS, null);
  const tenants = all.filter((t) => q === '' || String(t.tenantId).includes(q));
  tenants.sort((a, b) => {
    const x = sortValue(a, sort);
    const y = sortValue(b, sort);
    const order = x < y ? -1 : x > y ? 1 : a.tenantId - b.tenantId;
    return dir === 'asc' ? order : -order;
  });
  const here = `${CONSOLE_BASE}/tenants${new URL(c.req.url).search}`;
  const csrf = c.get('session').csrfToken;
  const link = (key: SortKey) => {
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    params.set('sort', key);
    params.set('dir', sort === key && dir === 'asc' ? 'desc' : 'asc');
    return `${CONSOLE_BASE}/tenants?${params}`;
  };
  return renderPage(
    c,
    { title: 'Tenants' },
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: a <search> box would change the layout */}
      <form method="get" action={`${CONSOLE_BASE}/tenants`} class="toolbar" role="search">
        <label for="tenant-search" class="sr-only">
          Search tenant id
        </label>
        <input id="tenant-search" name="q" type="search" inputmode="numeric" placeholder="Search tenant id" value={q} />
        <button type="submit" class="btn">
          Search
        </button>
        {q ? (
          <a class="btn btn-ghost" href={`${CONSOLE_BASE}/tenants`}>
            Clear
          </a>
        ) : null}
        <span class="phone-only sort-fields">
          <label for="tenant-sort">Sort by</label>
          <select id="tenant-sort" name="sort">
            {COLUMNS.map((column) => (
              <option value={column.key} selected={column.key === sort}>
                {column.label}
              </option>
            ))}
          </select>
          <label for="tenant-dir" class="sr-only">
            Order
          </label>
          <select id="tenant-dir" name="dir">
            <option value="asc" selected={dir === 'asc'}>
              Ascending
            </option>
            <option value="desc" selected={dir === 'desc'}>
              Descending
            </option>
          </select>
        </span>
        <span class="muted small toolbar-end">
          {tenants.length === all.length
            ? `${all.length} tenant${all.length === 1 ? '' : 's'}`
            : `${tenants.length} of ${all.length} tenants`}
          {nextCursor ? ` (the first ${MAX_TENANTS})` : ''}
        </span>
      </form>
      <Card>
        {tenants.length === 0 ? (
          q ? (
            <Empty title={`No tenant id contains “${q}”.`}>Clear the search to see every tenant.</Empty>
          ) : (
            <Empty title="No tenant yet.">
              A tenant appears here once its first order is written (POST /{'{tenantId}'}/order) or it is configured.
            </Empty>
          )
        ) : (
          <TableWrap label="Tenants">
            <table class="table table-stack" data-tenants="">
              <thead>
                <tr>
                  {COLUMNS.map((column) => (
                    <th
                      scope="col"
                      aria-sort={sort === column.key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
                      class={column.key === 'tenantId' || column.key === 'lastSync' ? '' : 'right'}
                    >
                      <a href={link(column.key)} class="sort">
                        {column.label}
                        <span aria-hidden="true" class="sort-mark">
                          {sort === column.key ? (dir === 'asc' ? '▲' : '▼') : '↕'}
                        </span>
                      </a>
                    </th>
                  ))}
                  <th scope="col">Internal sync</th>
                </tr>
              </thead>
              <tbody>
                {tenants.map((t) => (
                  <tr data-tenant-row={String(t.tenantId)}>
                    <th scope="row">
                      <a href={tenantPath(t.tenantId)}>{t.tenantId}</a>
                    </th>
                    <td class="right" data-label="Orders">
                      <Num value={t.orders} />
                    </td>
                    <td class="right" data-label="Carts">
                      <Num value={t.carts} />
                    </td>
                    <td class="right" data-label="Reserved qty">
                      <Num value={t.reservedQty} />
                    </td>
                    <td class="right" data-label="Origins">
                      <Num value={t.origins} />
                    </td>
                    <td class="right" data-label="Pending changes">
                      <Num value={t.pendingChanges} />
                    </td>
                    <td data-label="Last sync">
                      {t.lastSync ? (
                        <span class="nowrap">
                          <Badge tone={syncTone(t.lastSync.status)}>{t.lastSync.status}</Badge> <Time iso={t.lastSync.startedAt} />
                        </span>
                      ) : (
                        <span class="muted">never</span>
                      )}
                    </td>
                    <td data-label="Internal sync">
                      <SyncSwitch tenantId={t.tenantId} enabled={t.enableInternalOrderSync} csrf={csrf} back={here} />
                    </td>
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

/** POST /console/tenants/:tenantId/sync-flag: the tenant's configuration with the flag changed (same as PUT /{tenantId}/config). */
export async function setSyncFlag(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  const form = await formOf(c);
  const back = consolePathOr(form.back, tenantPath(tenantId, '/sync'));
  return runAction(c, back, async () => {
    const services = c.get('services');
    const enable = form.enable === 'true';
    const config = await getTenantConfig(services, tenantId);
    await putTenantConfig(services, tenantId, { ...config, enableInternalOrderSync: enable });
    return `Internal order sync of tenant ${tenantId} is now ${enable ? 'on' : 'off'}.`;
  });
}
