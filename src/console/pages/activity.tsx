/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import { openEventFollow } from '../../domain/event-follow.js';
import { sendEventStream } from '../../routes/events/event-stream.js';
import { tenantPath, type ConsoleEnv } from '../env.js';
import { Card, renderPage } from '../layout.js';

/** GET /console/tenants/:tenantId/activity: the tenant's events as they happen (console.js renders them). */
export async function activityPage(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  return renderPage(
    c,
    { title: `Tenant ${tenantId} · Live activity`, tenant: { id: tenantId, tab: 'activity' } },
    <Card
      title="Live activity"
      id="activity"
      actions={
        <span class="live" data-live-status="" role="status">
          Connecting…
        </span>
      }
    >
      <p class="muted small">
        Every change of this tenant as the change feed tells it (orders written and deleted, shipments, saturation crossings), newest first.
        The same events as GET /{tenantId}/events/stream.
      </p>
      <ol class="feed" data-live-feed={tenantPath(tenantId, '/activity/stream')} aria-live="polite" aria-label="Events"></ol>
      <p class="empty feed-empty" data-live-empty="">
        <span class="empty-title">No event since this page was opened.</span>
        <br />
        Events appear here as soon as the tenant's orders change: write an order, a cart or a shipment and watch.
      </p>
    </Card>,
  );
}

/**
 * GET /console/tenants/:tenantId/activity/stream: Server-Sent Events of the tenant's feed from now
 * on, followed the way GET /{tenantId}/events/stream follows it (domain/event-follow.ts).
 */
export async function activityStream(c: Context<ConsoleEnv>) {
  const tenantId = c.get('consoleTenant');
  const { events } = c.get('services');
  const follow = await openEventFollow({ feed: events.feed, watcher: events.hub }, tenantId, c.req.header('Last-Event-ID') ?? null, {
    pageSize: 200,
    heartbeatMs: events.settings.sseHeartbeatMs,
  });
  return sendEventStream(c, c.get('services'), follow, tenantId, 'console event stream', `console:${c.get('sessionId')}`);
}
