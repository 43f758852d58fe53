/** @jsxImportSource hono/jsx */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ORDER_TYPES, type Order } from '../../domain/order.js';
import { OrderSearchQuerySchema } from '../../schemas/order-search.js';
import { validationFailure } from '../../schemas/validation.js';
import { errorText, notFoundPage } from '../actions.js';
import { tenantPath, type ConsoleEnv, type Flash } from '../env.js';
import { Badge, Empty, Num, TableWrap, Time } from '../format.js';
import { Card, renderPage } from '../layout.js';

const PAGE_SIZE = 25;
const OrderIdSchema = z.guid();

const totalQty = (order: Order) => order.lines.reduce((sum, line) => sum + line.qty, 0);
const typeTone = (type: Order['type']) => (type === 'Order' ? 'info' : type === 'Cart' ? 'warn' : 'neutral');

/** GET /console/tenants/:tenantId/orders: search by id (opens it), or by origin, article and type, a page at a time. */
export async function ordersPage(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  const services = c.get('services');
  const query = c.req.query();
  const orderId = (query.orderId ?? '').trim();
  const code = (query.code ?? '').trim();
  const artGuid = (query.artGuid ?? '').trim();
  const type = (query.type ?? '').trim();
  let flash: Flash | null = null;

  if (orderId !== '') {
    const id = OrderIdSchema.safeParse(orderId.toLowerCase());
    if (!id.success) flash = { kind: 'error', text: `orderId: “${orderId}” is not an order id (a GUID).` };
    else {
      const json = await services.orders.getOrderJson(tenantId, id.data, services.clock());
      if (json !== null) return c.redirect(tenantPath(tenantId, `/orders/${id.data}`), 303);
      flash = { kind: 'error', text: `Tenant ${tenantId} has no order ${id.data} (or it expired).` };
    }
  }

  // The API's own query schema: the same filters, the same refusals.
  const parsed = OrderSearchQuerySchema.safeParse({
    limit: String(PAGE_SIZE),
    cursor: query.cursor || undefined,
    code: code || undefined,
    artGuid: artGuid || undefined,
    type: type || undefined,
  });
  let orders: Order[] = [];
  let nextCursor: string | null = null;
  if (!parsed.success) flash = { kind: 'error', text: validationFailure(parsed.error).message };
  else {
    const { limit, cursor, ...filter } = parsed.data;
    try {
      const page = await services.orders.listOrders(tenantId, filter, limit, cursor ?? null, services.clock());
      orders = page.orders;
      nextCursor = page.nextCursor;
    } catch (error) {
      flash = { kind: 'error', text: errorText(c, error) };
    }
  }
  const filtered = code !== '' || artGuid !== '' || type !== '';
  const params = (extra: Record<string, string>) => {
    const p = new URLSearchParams();
    if (code) p.set('code', code);
    if (artGuid) p.set('artGuid', artGuid);
    if (type) p.set('type', type);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return p.toString();
  };

  return renderPage(
    c,
    { title: `Tenant ${tenantId} · Orders`, tenant: { id: tenantId, tab: 'orders' }, flash },
    <>
      <Card>
        {/* biome-ignore lint/a11y/useSemanticElements: a <search> box would change the layout */}
        <form method="get" action={tenantPath(tenantId, '/orders')} class="search-grid" role="search" aria-label="Search orders">
          <div class="field">
            <label for="q-order">Order id</label>
            <input id="q-order" name="orderId" type="search" value={orderId} placeholder="3fa85f64-5717-…" spellcheck={false} />
          </div>
          <div class="field">
            <label for="q-code">Stock origin</label>
            <input id="q-code" name="code" type="search" value={code} placeholder="FRA:MAG:0125" spellcheck={false} />
          </div>
          <div class="field">
            <label for="q-art">Article (artGuid)</label>
            <input id="q-art" name="artGuid" type="search" value={artGuid} placeholder="c420a0b0-…" spellcheck={false} />
          </div>
          <div class="field">
            <label for="q-type">Type</label>
            <select id="q-type" name="type">
              <option value="" selected={type === ''}>
                Any
              </option>
              {ORDER_TYPES.map((t) => (
                <option value={t} selected={type === t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
          <div class="field field-actions">
            <button type="submit" class="btn btn-primary">
              Search
            </button>
            <a class="btn btn-ghost" href={tenantPath(tenantId, '/orders')}>
              Reset
            </a>
          </div>
        </form>
      </Card>
      <Card title={filtered ? 'Matching orders' : 'All orders'} id="orders">
        {orders.length === 0 ? (
          filtered || query.cursor ? (
            <Empty title="No order on this page matches.">Loosen a filter, or go to the next page if there is one.</Empty>
          ) : (
            <Empty title="This tenant has no order in the hot store.">
              Orders and carts appear here once the storefront writes them (POST /{tenantId}/order).
            </Empty>
          )
        ) : (
          <TableWrap label="Orders">
            <table class="table" data-orders="">
              <thead>
                <tr>
                  <th scope="col">Order id</th>
                  <th scope="col">Type</th>
                  <th scope="col" class="right">
                    Lines
                  </th>
                  <th scope="col" class="right">
                    Units
                  </th>
                  <th scope="col">Last updated</th>
                  <th scope="col">Expires</th>
                </tr>
              </thead>
              <tbody>
                {orders.map((order) => (
                  <tr data-order={order.orderId}>
                    <th scope="row" class="mono">
                      <a href={tenantPath(tenantId, `/orders/${order.orderId}`)} aria-label={order.orderId}>
                        {order.orderId.slice(0, 8)}
                        <span class="id-tail">{order.orderId.slice(8)}</span>
                      </a>
                    </th>
                    <td>
                      <Badge tone={typeTone(order.type)}>{order.type}</Badge>
                    </td>
                    <td class="right">
                      <Num value={order.lines.length} />
                    </td>
                    <td class="right">
                      <Num value={totalQty(order)} />
                    </td>
                    <td>
                      <Time iso={order.lastUpdated} />
                    </td>
                    <td>
                      <Time iso={order.expiresAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <nav class="pager" aria-label="Pages of orders">
          {query.cursor ? (
            <a class="btn btn-ghost btn-small" href={`${tenantPath(tenantId, '/orders')}?${params({})}`}>
              ← First page
            </a>
          ) : null}
          {nextCursor ? (
            <a class="btn btn-small" href={`${tenantPath(tenantId, '/orders')}?${params({ cursor: nextCursor })}`} rel="next">
              Next page →
            </a>
          ) : null}
        </nav>
      </Card>
    </>,
  );
}

/** GET /console/tenants/:tenantId/orders/:orderId: the order and its lines. */
export async function orderPage(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  const services = c.get('services');
  const id = OrderIdSchema.safeParse((c.req.param('orderId') ?? '').toLowerCase());
  if (!id.success) return notFoundPage(c, 'That is not an order id.');
  const json = await services.orders.getOrderJson(tenantId, id.data, services.clock());
  if (json === null) return notFoundPage(c, `Tenant ${tenantId} has no order ${id.data} (or it expired, or was shipped).`);
  const order = { ...(JSON.parse(json) as Order) };
  return renderPage(
    c,
    { title: `Order ${order.orderId.slice(0, 8)}…`, tenant: { id: tenantId, tab: 'orders' } },
    <>
      <Card title="Order" id="order">
        <dl class="facts" data-order-detail="">
          <div class="wide">
            <dt>Order id</dt>
            <dd class="mono">{order.orderId}</dd>
          </div>
          <div>
            <dt>Type</dt>
            <dd>
              <Badge tone={typeTone(order.type)}>{order.type}</Badge>
            </dd>
          </div>
          <div>
            <dt>Last updated</dt>
            <dd>
              <Time iso={order.lastUpdated} />
            </dd>
          </div>
          <div>
            <dt>Expires</dt>
            <dd>
              <Time iso={order.expiresAt} />
            </dd>
          </div>
          <div>
            <dt>Units</dt>
            <dd>
              <Num value={totalQty(order)} />
            </dd>
          </div>
        </dl>
      </Card>
      <Card title={`Lines (${order.lines.length})`} id="lines">
        <TableWrap label="Order lines">
          <table class="table" data-lines="">
            <thead>
              <tr>
                <th scope="col">Stock origin</th>
                <th scope="col">Article</th>
                <th scope="col" class="right">
                  Qty
                </th>
              </tr>
            </thead>
            <tbody>
              {order.lines.map((line) => (
                <tr>
                  <th scope="row">
                    <a href={tenantPath(tenantId, `/orders?code=${encodeURIComponent(line.code)}`)}>{line.code}</a>
                  </th>
                  <td class="mono">
                    <a href={tenantPath(tenantId, `/orders?artGuid=${encodeURIComponent(line.artGuid)}`)}>{line.artGuid}</a>
                  </td>
                  <td class="right">
                    <Num value={line.qty} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </Card>
      <p>
        <a href={tenantPath(tenantId, '/orders')}>← Back to the orders</a>
      </p>
    </>,
  );
}
