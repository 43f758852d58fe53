import { openEventFollow } from '../../domain/event-follow.js';
import { readFeedPage } from '../../domain/events.js';
import type { AppServices } from '../env.js';
import type { AppRouteHandler } from '../types.js';
import { sendEventStream } from './event-stream.js';
import type { z } from '@hono/zod-openapi';
import type * as routes from './events.routes.js';

/** What the event routes (the feed, its stream) use of the services. */
export type EventServices = Pick<AppServices, 'events' | 'streamSlots' | 'log'>;

export const listEvents =
  (services: EventServices): AppRouteHandler<typeof routes.listEvents> =>
  async (c) => {
    const { tenantId } = c.req.valid('param');
    const { after, limit } = c.req.valid('query');
    const page = await readFeedPage(services.events.feed, tenantId, after ?? null, limit);
    // The events' data are passed on as the order scripts wrote them, in the shapes the schema documents.
    return c.json(page as unknown as z.infer<typeof routes.EventPageSchema>, 200);
  };

export const streamEvents =
  (services: EventServices): AppRouteHandler<typeof routes.streamEvents> =>
  async (c) => {
    const { tenantId } = c.req.valid('param');
    const { after } = c.req.valid('query');
    const lastEventId = c.req.valid('header')['last-event-id'];
    const { events } = services;
    // Refuses an expired cursor (410) before the stream starts.
    const follow = await openEventFollow({ feed: events.feed, watcher: events.hub }, tenantId, lastEventId ?? after ?? null, {
      pageSize: 500,
      heartbeatMs: events.settings.sseHeartbeatMs,
    });
    const principal = c.get('principal');
    return sendEventStream(
      c,
      services,
      follow,
      tenantId,
      'event stream',
      principal.kind === 'tenant' ? `key:${principal.keyId}` : 'admin',
    ) as never;
  };
