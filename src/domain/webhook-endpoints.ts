/**
 * The webhook endpoints of a tenant: created, changed, paused, resumed, deleted, and put back
 * into Redis after Redis lost them. MongoDB holds the definitions (written first: what the caller
 * was told exists survives a Redis loss); Redis holds the copy the dispatcher reads.
 */
import { QuotaExceeded, type TenantQuotaService } from './quotas.js';
import { DomainError, NotFound } from './errors.js';
import type { EventType } from './events.js';
import type { DomainLogger } from './logger.js';
import type { ArchivedEndpoint, EndpointChanges, WebhookArchive, WebhookStore, WebhookTransport } from './webhook-ports.js';
import {
  checkEndpointUrl,
  endpointView,
  MAX_ENDPOINTS_PER_TENANT,
  newEndpointId,
  newSigningSecret,
  type EndpointHealth,
  type EndpointSetting,
  type EndpointView,
  type WebhookEndpoint,
} from './webhooks.js';

export interface WebhookSettings {
  /** An attempt not answered within this is failed (and retried). */
  timeoutMs: number;
  /** The delay before each attempt, the first counted from the event (jitter ±20 %). */
  retryScheduleMs: number[];
  /** An endpoint whose every attempt failed for this long is disabled. */
  disableAfterMs: number;
  /** Deliveries to loopback, private or link-local addresses are refused unless this is set. */
  allowPrivateNetworks: boolean;
  /** Attempts in flight at once, per replica. */
  concurrency: number;
  /** Finished deliveries are listed this long after their event... */
  logRetentionMs: number;
  /** ...and at most this many of each kind (delivered, failed) per endpoint. */
  logMaxPerEndpoint: number;
}

export interface WebhookDeps {
  store: WebhookStore;
  archive: WebhookArchive;
  transport: WebhookTransport;
  clock: () => number;
  log: DomainLogger;
  settings: WebhookSettings;
  /** Each tenant's quotas: webhookEndpoints caps its endpoints (unset: MAX_ENDPOINTS_PER_TENANT). */
  quotas?: Pick<TenantQuotaService, 'of'>;
}

const NO_HEALTH: EndpointHealth = { failingSince: null, disabledAt: null, disabledReason: null };

function urlRefused(message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `url: ${message}`, [{ path: 'url', message }]);
}

/** The URL, once sure deliveries may go there (else VALIDATION_FAILED naming `url`). */
async function acceptUrl(deps: Pick<WebhookDeps, 'transport'>, text: string): Promise<string> {
  const checked = checkEndpointUrl(text);
  if ('error' in checked) throw urlRefused(checked.error);
  const refused = await deps.transport.checkUrl(checked.url);
  if (refused) throw urlRefused(refused);
  return checked.url.href;
}

/** What the API shows: MongoDB's definition, with Redis's health when Redis has it. */
function toView(endpoint: ArchivedEndpoint, health: EndpointHealth | undefined): EndpointView {
  const { disabledAt, disabledReason, ...definition } = endpoint;
  return endpointView(definition, health ?? { ...NO_HEALTH, disabledAt, disabledReason });
}

export async function createEndpoint(
  deps: WebhookDeps,
  tenantId: number,
  input: { url: string; events: EventType[]; description?: string | null },
): Promise<{ endpoint: EndpointView; secret: string }> {
  const url = await acceptUrl(deps, input.url);
  const most = (await deps.quotas?.of(tenantId))?.webhookEndpoints ?? MAX_ENDPOINTS_PER_TENANT;
  const overQuota = () =>
    new QuotaExceeded('webhookEndpoints', most, `tenant ${tenantId} has ${most} webhook endpoints already; delete one first`);
  // A quick refusal; the count that holds is Redis's, taken in the script that adds the endpoint.
  if ((await deps.archive.listEndpoints(tenantId)).length >= most) throw overQuota();
  const now = new Date(deps.clock()).toISOString();
  const endpoint: WebhookEndpoint = {
    id: newEndpointId(),
    tenantId,
    url,
    events: [...new Set(input.events)],
    description: input.description ?? null,
    status: 'active',
    secret: newSigningSecret(),
    createdAt: now,
    updatedAt: now,
  };
  await deps.archive.putEndpoint(endpoint);
  try {
    // Parallel creations all pass the count above; the script lets only those within the quota in.
    if (!(await deps.store.putEndpoint(endpoint, 'create', { maxEndpoints: most }))) throw overQuota();
    await deps.store.addTenant(tenantId);
  } catch (error) {
    // The caller is told it failed and never sees the secret: no endpoint may be left behind
    // (the restore job removes from Redis what MongoDB does not hold).
    await deps.archive
      .deleteEndpoint(tenantId, endpoint.id)
      .catch((err) =>
        deps.log.error({ tenantId, endpointId: endpoint.id, err }, 'a webhook endpoint half created could not be removed from MongoDB'),
      );
    throw error;
  }
  return { endpoint: endpointView(endpoint, NO_HEALTH), secret: endpoint.secret };
}

export async function listEndpoints(deps: WebhookDeps, tenantId: number): Promise<EndpointView[]> {
  const [endpoints, health] = await Promise.all([deps.archive.listEndpoints(tenantId), deps.store.readHealth(tenantId)]);
  return endpoints.map((e) => toView(e, health.get(e.id)));
}

export async function getEndpoint(deps: WebhookDeps, tenantId: number, endpointId: string): Promise<EndpointView> {
  const [endpoint, health] = await Promise.all([deps.archive.getEndpoint(tenantId, endpointId), deps.store.readHealth(tenantId)]);
  if (!endpoint) throw new NotFound(`webhook endpoint ${endpointId}`);
  return toView(endpoint, health.get(endpointId));
}

/**
 * Changes the URL, the events, the description, or the status: `paused` holds the endpoint's
 * deliveries (they wait, queued, and new events still queue); `active` resumes them, and
 * re-enables an endpoint disabled for failing (its failure streak starts over).
 */
export async function updateEndpoint(
  deps: WebhookDeps,
  tenantId: number,
  endpointId: string,
  patch: { url?: string; events?: EventType[]; description?: string | null; status?: EndpointSetting },
): Promise<EndpointView> {
  const changes: EndpointChanges = { updatedAt: new Date(deps.clock()).toISOString() };
  if (patch.url !== undefined) changes.url = await acceptUrl(deps, patch.url);
  if (patch.events !== undefined) changes.events = [...new Set(patch.events)];
  if (patch.description !== undefined) changes.description = patch.description;
  if (patch.status !== undefined) changes.status = patch.status;
  const reenable = patch.status !== undefined;
  const updated = await deps.archive.updateEndpoint(tenantId, endpointId, changes, reenable);
  if (!updated) throw new NotFound(`webhook endpoint ${endpointId}`);
  const endpoint = await deps.archive.getEndpoint(tenantId, endpointId);
  if (!endpoint) throw new NotFound(`webhook endpoint ${endpointId}`);
  const { disabledAt: _at, disabledReason: _reason, ...definition } = endpoint;
  if (!(await deps.store.putEndpoint(definition, 'update', { reenable }))) {
    // Redis lost it (and the restore job has not put it back yet): put it back now.
    await deps.store.putEndpoint(definition, 'restore', { restoredDisabled: disabledOf(endpoint) });
    await deps.store.addTenant(tenantId);
  }
  return toView(endpoint, (await deps.store.readHealth(tenantId)).get(endpointId));
}

/** Deletes the endpoint and its deliveries (those pending are not sent). */
export async function deleteEndpoint(deps: WebhookDeps, tenantId: number, endpointId: string): Promise<void> {
  const archived = await deps.archive.deleteEndpoint(tenantId, endpointId);
  const stored = await deps.store.deleteEndpoint(tenantId, endpointId);
  if (!archived && !stored) throw new NotFound(`webhook endpoint ${endpointId}`);
}

function disabledOf(endpoint: ArchivedEndpoint): { disabledAt: number; disabledReason: string } | null {
  return endpoint.disabledAt ? { disabledAt: Date.parse(endpoint.disabledAt), disabledReason: endpoint.disabledReason ?? '' } : null;
}

export interface WebhookRestoreReport {
  tenants: number;
  restored: number;
  updated: number;
  removed: number;
}

/**
 * Makes Redis's copy of the endpoints what MongoDB holds: endpoints Redis lost are put back
 * (sent the events appended from then on), definitions that differ are rewritten (a change whose
 * Redis part failed), endpoints MongoDB does not hold are removed (a deletion whose Redis part
 * failed), and the dispatcher's list of tenants is completed. Runs at start and periodically.
 */
export async function restoreWebhookEndpoints(deps: Pick<WebhookDeps, 'store' | 'archive' | 'log'>): Promise<WebhookRestoreReport> {
  const archived = await deps.archive.listAllEndpoints();
  const byTenant = new Map<number, ArchivedEndpoint[]>();
  for (const endpoint of archived) byTenant.set(endpoint.tenantId, [...(byTenant.get(endpoint.tenantId) ?? []), endpoint]);
  const tenants = new Set([...byTenant.keys(), ...(await deps.store.listTenants())]);
  const report: WebhookRestoreReport = { tenants: tenants.size, restored: 0, updated: 0, removed: 0 };
  for (const tenantId of tenants) {
    const endpoints = byTenant.get(tenantId) ?? [];
    const definitions = await deps.store.readDefinitions(tenantId);
    // The listing above was taken before Redis was read: an endpoint created, changed or deleted
    // meanwhile (MongoDB first, then Redis) differs between the two without anything being lost.
    // So MongoDB is asked again, endpoint by endpoint, before Redis is changed: the job acts only
    // on what MongoDB holds now, and never takes an older definition over a newer one.
    for (const listed of endpoints) {
      const held = definitions.get(listed.id);
      if (held !== undefined && sameDefinition(held, listed)) continue;
      const endpoint = await deps.archive.getEndpoint(tenantId, listed.id);
      if (endpoint === null) continue; // deleted meanwhile
      const { disabledAt: _at, disabledReason: _reason, ...definition } = endpoint;
      if (held === undefined) {
        await deps.store.putEndpoint(definition, 'restore', { restoredDisabled: disabledOf(endpoint) });
        report.restored++;
      } else if (!sameDefinition(held, definition) && !newerThan(held, definition)) {
        await deps.store.putEndpoint(definition, 'update');
        report.updated++;
      }
    }
    const kept = new Set(endpoints.map((e) => e.id));
    for (const endpointId of definitions.keys()) {
      if (kept.has(endpointId) || (await deps.archive.getEndpoint(tenantId, endpointId)) !== null) continue; // created meanwhile
      await deps.store.deleteEndpoint(tenantId, endpointId);
      report.removed++;
    }
    if (endpoints.length > 0) await deps.store.addTenant(tenantId);
    else await deps.store.removeTenant(tenantId);
  }
  if (report.restored + report.updated + report.removed > 0)
    deps.log.info({ ...report }, 'webhook endpoints restored into Redis from MongoDB');
  return report;
}

/** Whether Redis's copy was written after MongoDB's definition (its updatedAt is later). */
function newerThan(json: string, endpoint: WebhookEndpoint): boolean {
  try {
    const held = JSON.parse(json) as Partial<WebhookEndpoint>;
    return typeof held.updatedAt === 'string' && held.updatedAt > endpoint.updatedAt;
  } catch {
    return false;
  }
}

function sameDefinition(json: string, endpoint: WebhookEndpoint): boolean {
  try {
    const held = JSON.parse(json) as WebhookEndpoint;
    return (
      held.url === endpoint.url &&
      held.status === endpoint.status &&
      held.secret === endpoint.secret &&
      held.description === endpoint.description &&
      held.updatedAt === endpoint.updatedAt &&
      JSON.stringify(held.events) === JSON.stringify(endpoint.events)
    );
  } catch {
    return false;
  }
}
