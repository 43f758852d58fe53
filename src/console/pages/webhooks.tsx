/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import { DomainError } from '../../domain/errors.js';
import { EVENT_TYPES } from '../../domain/events.js';
import * as deliveries from '../../domain/webhook-deliveries.js';
import * as endpoints from '../../domain/webhook-endpoints.js';
import { MAX_URL_LENGTH, type DeliveryView, type EndpointView } from '../../domain/webhooks.js';
import { CreateWebhookSchema } from '../../schemas/webhooks.js';
import { validationFailure } from '../../schemas/validation.js';
import { errorText, formOf, runAction } from '../actions.js';
import { setFlash } from '../session.js';
import { tenantPath, type ConsoleEnv, type Flash } from '../env.js';
import { Badge, Csrf, Empty, Num, Percent, Time, TableWrap } from '../format.js';
import { Card, renderPage, type PageOptions } from '../layout.js';

/** Deliveries listed per endpoint (the newest first). */
const DELIVERIES_SHOWN = 20;

const endpointTone = (status: EndpointView['status']) => (status === 'active' ? 'ok' : status === 'paused' ? 'warn' : 'bad');
const deliveryTone = (status: DeliveryView['status']) => (status === 'delivered' ? 'ok' : status === 'failed' ? 'bad' : 'info');

const ms = (value: number | null) => (value === null ? '—' : `≤ ${value} ms`);

/** The endpoint's figures (GET /{tenantId}/webhooks/{id}/stats): the last hour beside the last 24 hours. */
function EndpointStats({ endpoint, stats }: { endpoint: EndpointView; stats: deliveries.EndpointStats | null }) {
  if (!stats) return <p class="muted small">Figures unavailable (Redis did not answer).</p>;
  const windows = [
    { label: 'Last hour', w: stats.lastHour },
    { label: 'Last 24 hours', w: stats.last24Hours },
  ];
  return (
    <>
      <TableWrap label={`Delivery figures of ${endpoint.url}`}>
        <table class="table" data-endpoint-stats={endpoint.id}>
          <thead>
            <tr>
              <th scope="col">Window</th>
              <th scope="col" class="right">
                Attempts
              </th>
              <th scope="col" class="right">
                Delivered
              </th>
              <th scope="col" class="right">
                Failed
              </th>
              <th scope="col" class="right">
                Success rate
              </th>
              <th scope="col" class="right">
                p50 / p95
              </th>
            </tr>
          </thead>
          <tbody>
            {windows.map(({ label, w }) => (
              <tr data-window={label}>
                <th scope="row">{label}</th>
                <td class="right">
                  <Num value={w.attempts} />
                </td>
                <td class="right" data-figure="delivered">
                  <Num value={w.deliveriesSucceeded} />
                </td>
                <td class={w.deliveriesFailed > 0 ? 'right error-text' : 'right'} data-figure="failed">
                  <Num value={w.deliveriesFailed} />
                </td>
                <td class="right" data-figure="success-rate">
                  <Percent value={w.successRate} />
                </td>
                <td class="right nowrap">
                  {ms(w.p50DurationMs)} / {ms(w.p95DurationMs)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <dl class="facts" data-endpoint-health={endpoint.id}>
        <div>
          <dt>Pending</dt>
          <dd>
            <Num value={stats.pending} />
            {stats.oldestPendingAt ? (
              <span class="muted small">
                {' '}
                oldest from <Time iso={stats.oldestPendingAt} />
              </span>
            ) : null}
          </dd>
        </div>
        {stats.dropped > 0 ? (
          <div>
            <dt>Dropped</dt>
            <dd data-dropped="" class="error-text">
              <Num value={stats.dropped} />
              <span class="small">
                {' '}
                past the pausedDeliveries quota, last <Time iso={stats.lastDroppedAt} />
              </span>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Last success</dt>
          <dd>
            <Time iso={stats.lastSuccessAt} />
          </dd>
        </div>
        <div>
          <dt>Last failure</dt>
          <dd data-last-failure="">
            <Time iso={stats.lastFailureAt} />
            {stats.lastFailure ? <span class="error-text small"> {stats.lastFailure.error}</span> : null}
          </dd>
        </div>
      </dl>
    </>
  );
}

function Endpoint({
  tenantId,
  endpoint,
  list,
  stats,
  csrf,
}: {
  tenantId: number;
  endpoint: EndpointView;
  list: DeliveryView[];
  stats: deliveries.EndpointStats | null;
  csrf: string;
}) {
  const base = tenantPath(tenantId, `/webhooks/${endpoint.id}`);
  const next = endpoint.status === 'active' ? 'paused' : 'active';
  return (
    <Card
      title={endpoint.description || endpoint.url}
      id={`ep-${endpoint.id}`}
      actions={
        <>
          <form method="post" action={`${base}/test`} class="inline">
            <Csrf token={csrf} />
            <button type="submit" class="btn btn-small" data-action="test" aria-label={`Send test event to ${endpoint.url}`}>
              Send test event
            </button>
          </form>
          <form method="post" action={`${base}/deliveries/retry`} class="inline">
            <Csrf token={csrf} />
            <button
              type="submit"
              class="btn btn-small"
              data-action="retry-all"
              aria-label={`Retry all failed deliveries to ${endpoint.url}`}
            >
              Retry all failed
            </button>
          </form>
          <form method="post" action={`${base}/status`} class="inline">
            <Csrf token={csrf} />
            <input type="hidden" name="status" value={next} />
            <button type="submit" class="btn btn-small" data-action={next === 'paused' ? 'pause' : 'resume'}>
              {next === 'paused' ? 'Pause' : endpoint.status === 'disabled' ? 'Re-enable' : 'Resume'}
            </button>
          </form>
          <form
            method="post"
            action={`${base}/delete`}
            class="inline"
            hx-confirm={`Delete the webhook endpoint ${endpoint.url}? Its deliveries go with it: those still pending are not sent.`}
          >
            <Csrf token={csrf} />
            <button type="submit" class="btn btn-small btn-danger" data-action="delete" aria-label={`Delete endpoint ${endpoint.url}`}>
              Delete…
            </button>
          </form>
        </>
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
      <EndpointStats endpoint={endpoint} stats={stats} />
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

/** What the operator typed in the form to add an endpoint (kept when it is refused). */
interface EndpointDraft {
  url: string;
  /** `all`, or some of EVENT_TYPES (or whatever was posted: the schema judges it). */
  events: string[];
  description: string;
}

const EMPTY_DRAFT: EndpointDraft = { url: '', events: ['all'], description: '' };

/** The form to add an endpoint (POST /{tenantId}/webhooks: url, events, description). */
function AddEndpoint({ tenantId, csrf, draft }: { tenantId: number; csrf: string; draft: EndpointDraft }) {
  const all = draft.events.includes('all');
  return (
    <Card title="Add an endpoint" id="add-endpoint">
      <form method="post" action={tenantPath(tenantId, '/webhooks')} class="endpoint-form" data-add-endpoint="">
        <Csrf token={csrf} />
        <div class="field">
          <label for="endpoint-url">URL</label>
          <input
            id="endpoint-url"
            name="url"
            type="url"
            required
            maxlength={MAX_URL_LENGTH}
            value={draft.url}
            placeholder="https://shop.example.com/hooks/reservoir"
            spellcheck={false}
            aria-describedby="endpoint-url-help"
          />
          <p id="endpoint-url-help" class="muted small">
            Each event is POSTed there (http or https), signed with the endpoint’s secret. Loopback, private and link-local addresses are
            refused unless WEBHOOK_ALLOW_PRIVATE_NETWORKS is set.
          </p>
        </div>
        <fieldset class="checks" data-event-choices="">
          <legend>Events</legend>
          <label class="check">
            <input type="checkbox" name="events" value="all" checked={all} data-events-all="" />
            All event types
          </label>
          {EVENT_TYPES.map((type) => (
            <label class="check mono">
              <input type="checkbox" name="events" value={type} checked={!all && draft.events.includes(type)} data-event-type-choice="" />
              {type}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="endpoint-description">
            Description <span class="muted">(optional)</span>
          </label>
          <input
            id="endpoint-description"
            name="description"
            maxlength={500}
            value={draft.description}
            placeholder="Storefront cache invalidation"
          />
        </div>
        <div class="field-actions">
          <button type="submit" class="btn btn-primary" data-action="add-endpoint">
            Add endpoint
          </button>
        </div>
      </form>
    </Card>
  );
}

/** The signing secret of the endpoint just created: on the page answered to the POST, this once. */
function NewSecret({ endpoint, secret }: { endpoint: EndpointView; secret: string }) {
  return (
    <section class="card card-highlight" aria-labelledby="new-secret-title" data-new-secret={endpoint.id}>
      <h2 id="new-secret-title">Signing secret of {endpoint.url}</h2>
      <p>
        Copy it now into the receiver: it is shown this once. The receiver checks each delivery’s{' '}
        <span class="mono">webhook-signature</span> with it (Standard Webhooks).
      </p>
      <div class="copy-row">
        <label for="new-secret" class="sr-only">
          The signing secret
        </label>
        <input id="new-secret" class="mono" readonly value={secret} spellcheck={false} />
        <button type="button" class="btn" data-copy="#new-secret">
          Copy
        </button>
      </div>
    </section>
  );
}

async function renderWebhooks(
  c: Context<ConsoleEnv>,
  options: {
    created?: { endpoint: EndpointView; secret: string };
    draft?: EndpointDraft;
    flash?: Flash;
    status?: PageOptions['status'];
  } = {},
) {
  const tenantId = c.get('consoleTenant');
  const { webhooks } = c.get('services');
  const list = await endpoints.listEndpoints(webhooks, tenantId);
  const withDeliveries = await Promise.all(
    list.map(async (endpoint) => ({
      endpoint,
      deliveries: (
        await deliveries.listDeliveries(webhooks, tenantId, endpoint.id, { limit: DELIVERIES_SHOWN }).catch(() => ({ deliveries: [] }))
      ).deliveries,
      stats: await deliveries.getEndpointStats(webhooks, tenantId, endpoint.id).catch(() => null),
    })),
  );
  const csrf = c.get('session').csrfToken;
  return renderPage(
    c,
    {
      title: `Tenant ${tenantId} · Webhooks`,
      tenant: { id: tenantId, tab: 'webhooks' },
      flash: options.flash ?? null,
      status: options.status,
      actions:
        list.length > 0 ? (
          <a class="btn" href="#add-endpoint">
            Add an endpoint
          </a>
        ) : undefined,
    },
    <>
      {options.created ? <NewSecret endpoint={options.created.endpoint} secret={options.created.secret} /> : null}
      {list.length === 0 ? (
        <Card>
          <Empty title="No webhook endpoint yet.">
            Add one with the form below (<a href="#add-endpoint">Add an endpoint</a>): each event of the types it listens to is then POSTed
            to its URL, and its deliveries show here.
          </Empty>
        </Card>
      ) : (
        withDeliveries.map(({ endpoint, deliveries: shown, stats }) => (
          <Endpoint tenantId={tenantId} endpoint={endpoint} list={shown} stats={stats} csrf={csrf} />
        ))
      )}
      <AddEndpoint tenantId={tenantId} csrf={csrf} draft={options.draft ?? EMPTY_DRAFT} />
    </>,
  );
}

/** GET /console/tenants/:tenantId/webhooks: each endpoint with its latest deliveries, failed ones first to the eye; the form to add one. */
export function webhooksPage(c: Context<ConsoleEnv>) {
  return renderWebhooks(c);
}

/** The status of a refused form's page: what the API would answer, among those a page has. */
function refusalStatus(error: unknown): PageOptions['status'] {
  if (!(error instanceof DomainError)) return 500;
  return error.code === 'STORE_UNAVAILABLE' || error.code === 'TENANT_BUSY' ? 503 : error.code === 'CONFLICT' ? 409 : 400;
}

/**
 * POST /console/tenants/:tenantId/webhooks (POST /{tenantId}/webhooks): the form checked by the
 * API's own schema, the endpoint created by the same domain operation; the page answered shows
 * its signing secret this once (never in a redirect or a cookie), or the API's refusal with the
 * form as it was typed.
 */
export async function createEndpoint(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  const body = await c.req.parseBody({ all: true });
  const text = (name: string) => {
    const value = body[name];
    return typeof value === 'string' ? value : '';
  };
  const events = ([] as unknown[]).concat(body.events ?? []).filter((v): v is string => typeof v === 'string');
  const draft: EndpointDraft = { url: text('url').trim(), events, description: text('description').trim() };
  try {
    const parsed = CreateWebhookSchema.safeParse({
      url: draft.url,
      events: events.includes('all') ? [...EVENT_TYPES] : events,
      ...(draft.description ? { description: draft.description } : {}),
    });
    if (!parsed.success) throw new DomainError('VALIDATION_FAILED', validationFailure(parsed.error).message);
    const { webhooks } = c.get('services');
    const created = await endpoints.createEndpoint(webhooks, tenantId, parsed.data);
    // This replica's dispatcher reads its list of tenants again now (the others within seconds).
    webhooks.dispatcher.kick();
    return renderWebhooks(c, {
      created,
      flash: { kind: 'ok', text: `Endpoint ${created.endpoint.url} added: it receives ${created.endpoint.events.join(', ')}.` },
    });
  } catch (error) {
    return renderWebhooks(c, {
      draft,
      flash: { kind: 'error', text: `Endpoint not added: ${errorText(c, error)}` },
      status: refusalStatus(error),
    });
  }
}

/** POST /console/tenants/:tenantId/webhooks/:id/delete (DELETE /{tenantId}/webhooks/{id}), after a confirmation. */
export async function deleteEndpoint(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  const id = c.req.param('endpointId') ?? '';
  return runAction(c, tenantPath(tenantId, '/webhooks'), async () => {
    const { webhooks } = c.get('services');
    const endpoint = await endpoints.getEndpoint(webhooks, tenantId, id);
    await endpoints.deleteEndpoint(webhooks, tenantId, id);
    return `Endpoint ${endpoint.url} deleted, with its deliveries.`;
  });
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

/** POST /console/tenants/:tenantId/webhooks/:id/test (POST /{tenantId}/webhooks/{id}/test): what the receiver answered, shown at the top. */
export async function testEndpoint(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  const id = c.req.param('endpointId') ?? '';
  const back = tenantPath(tenantId, '/webhooks');
  try {
    const result = await deliveries.sendTestEvent(c.get('services').webhooks, tenantId, id);
    setFlash(
      c,
      result.delivered
        ? { kind: 'ok', text: `Test event delivered: HTTP ${result.statusCode} in ${result.durationMs} ms.` }
        : { kind: 'error', text: `Test event not delivered: ${result.error} (after ${result.durationMs} ms).` },
    );
  } catch (error) {
    setFlash(c, { kind: 'error', text: errorText(c, error) });
  }
  return c.redirect(back, 303);
}

/** POST /console/tenants/:tenantId/webhooks/:id/deliveries/retry (POST /{tenantId}/webhooks/{id}/deliveries/retry). */
export async function retryFailedDeliveries(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  const id = c.req.param('endpointId') ?? '';
  return runAction(c, tenantPath(tenantId, '/webhooks'), async () => {
    const { webhooks } = c.get('services');
    const retried = await deliveries.retryFailedDeliveries(webhooks, tenantId, id);
    if (retried > 0) webhooks.dispatcher.kick(tenantId);
    return retried === 1
      ? '1 failed delivery queued again: it is sent now.'
      : `${retried} failed deliveries queued again: they are sent now.`;
  });
}
