import { createRoute, z } from '@hono/zod-openapi';
import { EVENT_ID_PATTERN, EVENT_TYPES } from '../../domain/events.js';
import { commonErrorResponses, goneResponse } from '../errors.js';
import { jsonResponse, OrderLineSchema, OrderSchema, TenantParamSchema } from '../schemas.js';

const tags = ['Events'];

export const EventIdSchema = z
  .string()
  .regex(EVENT_ID_PATTERN, 'must be an event id such as 1758535280624-0')
  .openapi({ description: 'An event id (`<milliseconds>-<sequence>`), as the feed gives them.', example: '1758535280624-0' });

const order = OrderSchema.openapi({ description: 'The order as `GET /{tenantId}/order/{orderId}` serves it.' });

const OrderEventDataSchema = z.object({ order }).openapi('OrderEventData', {
  description: '`order.created`, `order.updated`: the order as written. `order.deleted`, `order.expired`: the order as it was.',
});

const LinesRemovedDataSchema = z
  .object({
    orderId: z.string(),
    code: z.string().openapi({ description: 'The stock origin whose lines were removed (shipped).' }),
    lines: z.array(OrderLineSchema).openapi({ description: 'The lines removed.' }),
    order: order.nullable().openapi({ description: 'The order left, or null when it was deleted for lack of lines.' }),
  })
  .openapi('LinesRemovedEventData');

const OrdersReplacedDataSchema = z
  .object({
    orderCount: z.number().int().openapi({ description: 'Orders in the new set.' }),
    removedCount: z.number().int().openapi({ description: 'Orders of the old set that are gone.' }),
  })
  .openapi('OrdersReplacedEventData');

const nullableCount = z.number().int().nullable();
const SaturationDataSchema = z
  .object({
    code: z.string(),
    direction: z
      .enum(['up', 'down'])
      .openapi({ description: '`up`: the saturation rose to or past the threshold; `down`: it fell below it.' }),
    threshold: z.number().openapi({ description: "The tenant's threshold crossed (config `saturationThresholds`).", example: 0.8 }),
    saturation: z.number().nullable(),
    previousSaturation: z.number().nullable(),
    reservedQty: z.number().int(),
    lineCount: z.number().int(),
    orderCount: z.number().int(),
    capacity: z.object({ maxQty: nullableCount, maxLines: nullableCount, maxOrders: nullableCount }),
  })
  .openapi('SaturationEventData');

const StockCrossingDataSchema = z
  .object({
    code: z.string(),
    artGuid: z.string(),
    onHand: z.number().int().nullable().openapi({ description: 'The level after; null when the pair was untracked (no limit any more).' }),
    reservedQty: z.number().int(),
    available: z.number().int().nullable().openapi({ description: 'onHand - reservedQty after; null when untracked.' }),
    previousAvailable: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Before the change; null when the pair was not tracked (it had no limit).' }),
  })
  .openapi('StockCrossingEventData', {
    description:
      "`stock.out`: a tracked pair's available units fell to 0 or below; `stock.back`: they rose above 0 again (or it was untracked).",
  });

export const EventSchema = z
  .object({
    id: EventIdSchema,
    type: z.enum(EVENT_TYPES).openapi({ example: 'order.created' }),
    at: z.string().openapi({ description: 'When the change was made (the milliseconds of `id`).', example: '2025-09-22T10:01:20.624Z' }),
    tenantId: z.number().int().openapi({ example: 0 }),
    data: z
      .union([OrderEventDataSchema, LinesRemovedDataSchema, OrdersReplacedDataSchema, SaturationDataSchema, StockCrossingDataSchema])
      .openapi({ description: 'What a consumer needs without a second call; its shape follows `type`.' }),
  })
  .openapi('Event');

export const EventPageSchema = z
  .object({
    events: z.array(EventSchema).openapi({ description: 'Oldest first.' }),
    nextCursor: EventIdSchema.openapi({
      description:
        'Pass it as `after` to continue: the id of the last event of the page; with no event, the cursor given (or the newest id, ' +
        'without one). A page shorter than `limit` means the consumer is up to date.',
    }),
  })
  .openapi('EventPage');

const after = EventIdSchema.optional().openapi({
  param: { name: 'after', in: 'query' },
  description: 'Events after this id. Omitted: from the oldest event kept (`GET /events`), or from now on (`/events/stream`).',
});

export const listEvents = createRoute({
  method: 'get',
  operationId: 'listEvents',
  path: '/{tenantId}/events',
  tags,
  summary: "The tenant's change feed, a page at a time",
  description:
    "Every change of the tenant's orders (and every crossing of 0 by a tracked pair's available units) appends one event, in the " +
    'same atomic step as the change: none is ever lost or made up, ' +
    'and they come in the order the changes were made. The feed keeps about `EVENTS_MAX_PER_TENANT` events and none older than ' +
    '`EVENTS_RETENTION` (but always the newest). A cursor older than the oldest event kept answers 410: the consumer missed events ' +
    'and must resynchronise.',
  request: {
    params: TenantParamSchema,
    query: z.object({
      after,
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(1000)
        .default(100)
        .openapi({ description: 'At most this many events (1-1000, default 100).' }),
    }),
  },
  responses: { 200: jsonResponse(EventPageSchema, 'The events after the cursor, oldest first.'), ...goneResponse, ...commonErrorResponses },
});

export const streamEvents = createRoute({
  method: 'get',
  operationId: 'streamEvents',
  path: '/{tenantId}/events/stream',
  tags,
  summary: "The tenant's change feed as Server-Sent Events",
  description:
    'A `text/event-stream`: each event is one message whose `id:` is the event id and whose `data:` is the event JSON (the same as ' +
    'in `GET /events`; no `event:` field, so `onmessage` sees them all). A reconnecting client sends `Last-Event-ID` and resumes ' +
    'after it, without a gap or a repeat; `?after=` does the same on a first connection. A comment line (`: heartbeat`) comes ' +
    'after `EVENTS_SSE_HEARTBEAT_MS` without an event. A cursor older than what the feed keeps answers 410 (JSON) before the ' +
    'stream starts.',
  request: {
    params: TenantParamSchema,
    query: z.object({ after }),
    headers: z.object({
      'last-event-id': EventIdSchema.optional().openapi({
        param: { name: 'last-event-id', in: 'header' },
        description: 'Sent by an EventSource that reconnects: resume after this event (wins over `after`).',
      }),
    }),
  },
  responses: {
    200: {
      content: {
        'text/event-stream': {
          schema: z.string().openapi({ example: 'id: 1758535280624-0\ndata: {"id":"1758535280624-0","type":"order.created",...}\n\n' }),
        },
      },
      description: 'The stream of events, until the client closes it.',
    },
    ...goneResponse,
    ...commonErrorResponses,
  },
});
