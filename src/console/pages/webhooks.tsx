/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import * as deliveries from '../../domain/webhook-deliveries.js';
import * as endpoints from '../../domain/webhook-endpoints.js';
import type { DeliveryView, EndpointView } from '../../domain/webhooks.js';
import { formOf, runAction } from '../actions.js';
import { tenantPath, type ConsoleEnv } from '../env.js';
import { Badge, Csrf, Empty, Time, TableWrap } from '../format.js';
import { Card, renderPage } from '../layout.js';

/** Deliveries listed per endpoint (the newest first). */
const DELIVERIES_SHOWN = 20;

const endpointTone = (status: EndpointView['status']) => (status === 'active' ? 'ok' : status === 'paused' ? 'warn' : 'bad');
const deliveryTone = (status: DeliveryView['status']) => (status === 'delivered' ? 'ok' : status === 'failed' ? 'bad' : 'info');

function Endpoint({ tenantId, endpoint, list, csrf }: { tenantId: number; endpoint: EndpointView; list: DeliveryView[]; csrf: string }) {
  const base = tenantPath(tenantId, `/webhooks/${endpoint.id}`);
  const next = endpoint.status === 'active' ? 'paused' : 'active';
  return (
    <Card
      title={endpoint.description || endpoint.url}
      id={`ep-${endpoint.id}`}
      actions={
        <form method="post" action={`${base}/status`} class="inline">
          <Csrf token={csrf} />
          <input type="hidden" name="status" value={next} />
          <button type="submit" class="btn btn-small" data-action={next === 'paused' ? 'pause' : 'resume'}>
            {next === 'paused' ? 'Pause' : endpoint.status === 'disabled' ? 'Re-enable' : 'Resume'}
          </button>
        </form>
      }
    >
      <dl class="facts" data-endpoint={endpoint.id}>
        <div>
          <dt>Status</dt>
          <dd>
            <Badge tone={endpointTone(endpoint.status)}>{endpoint.status}</Badge>
            {endpoint.disabledReason ? <span class="muted small"> {endpoint.disabledReason}</span> : null}
          </dd>
        </div>
        <div>
          <dt>URL</dt>
          <dd class="mono break">{endpoint.url}</dd>
        </div>
        <div>
          <dt>Events</dt>
          <dd>{endpoint.events.join(', ')}</dd>
        </div>
        <div>
          <dt>Failing since</dt>
          <dd>
            <Time iso={endpoint.failingSince} />
          </dd>
        </div>
      </dl>
      {list.length === 0 ? (
        <Empty title="No delivery yet.">A delivery is made for each event of the types this endpoint listens to.</Empty>
      ) : (
        <TableWrap label={`Deliveries to ${endpoint.url}`}>
          <table class="table" data-deliveries="">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col" class="right">
                  Attempts
                </th>
                <th scope="col">Last attempt</th>
                <th scope="col">Answer</th>
              </tr>
            </thead>
            <tbody>
              {list.map((d) => (
                <tr class={d.status === 'failed' ? 'row-bad' : ''} data-delivery={d.id} data-status={d.status}>
                  <td>
                    <span class="nowrap">{d.eventType}</span>
                    <br />
                    <span class="muted small mono">{d.id}</span>
                  </td>
                  <td>
                    <span class="cell-actions">
                      <Badge tone={deliveryTone(d.status)}>{d.status}</Badge>
                      {d.status === 'failed' ? (
                        <form method="post" action={`${base}/deliveries/${encodeURIComponent(d.id)}/retry`} class="inline">
                          <Csrf token={csrf} />
                          <button type="submit" class="btn btn-small" data-action="retry" aria-label={`Retry delivery ${d.id}`}>
                            Retry
                          </button>
                        </form>
                      ) : null}
                    </span>
                  </td>
                  <td class="right">{d.attempts}</td>
                  <td>
                    <Time iso={d.lastAttemptAt} />
                  </td>
                  <td class={d.status === 'failed' ? 'error-text' : ''}>
                    {d.lastError ?? (d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : '')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Card>
  );
}

/** GET /console/tenants/:tenantId/webhooks: each endpoint with its latest deliveries, failed ones first to the eye. */
export async function webhooksPage(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  const { webhooks } = c.get('services');
  const list = await endpoints.listEndpoints(webhooks, tenantId);
  const withDeliveries = await Promise.all(
    list.map(async (endpoint) => ({
      endpoint,
      deliveries: (await deliveries.listDeliveries(webhooks, tenantId, endpoint.id, { limit: DELIVERIES_SHOWN }).catch(() => ({ deliveries: [] }))).deliveries,
    })),
  );
  const csrf = c.get('session').csrfToken;
  return renderPage(
    c,
    { title: `Tenant ${tenantId} · Webhooks`, tenant: { id: tenantId, tab: 'webhooks' } },
    list.length === 0 ? (
      <Card>
        <Empty title="No webhook endpoint.">Create one with POST /{tenantId}/webhooks (url and events); its deliveries show here.</Empty>
      </Card>
    ) : (
      <>
        {withDeliveries.map(({ endpoint, deliveries: shown }) => (
          <Endpoint tenantId={tenantId} endpoint={endpoint} list={shown} csrf={csrf} />
        ))}
      </>
    ),
  );
}

/** POST /console/tenants/:tenantId/webhooks/:id/status (PATCH /{tenantId}/webhooks/{id} with a status). */
export async function setEndpointStatus(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  const id = c.req.param('endpointId') ?? '';
  const status = (await formOf(c)).status === 'paused' ? 'paused' : 'active';
  return runAction(c, tenantPath(tenantId, '/webhooks'), async () => {
    const { webhooks } = c.get('services');
    const endpoint = await endpoints.updateEndpoint(webhooks, tenantId, id, { status });
    webhooks.dispatcher.kick(tenantId);
    return status === 'paused' ? `Endpoint ${endpoint.url} paused: its deliveries wait.` : `Endpoint ${endpoint.url} resumed.`;
  });
}

/** POST /console/tenants/:tenantId/webhooks/:id/deliveries/:deliveryId/retry. */
export async function retryDelivery(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  const id = c.req.param('endpointId') ?? '';
  const deliveryId = c.req.param('deliveryId') ?? '';
  return runAction(c, tenantPath(tenantId, '/webhooks'), async () => {
    const { webhooks } = c.get('services');
    await deliveries.retryDelivery(webhooks, tenantId, id, deliveryId);
    webhooks.dispatcher.kick(tenantId);
    return `Delivery ${deliveryId} queued again: it is sent now.`;
  });
}
