import { createRoute, z } from '@hono/zod-openapi';
import { DELIVERY_STATUSES } from '../../domain/webhooks.js';
import { EVENT_TYPES } from '../../domain/events.js';
import { bodyErrorResponses, commonErrorResponses, conflictResponse, notFoundResponse } from '../errors.js';
import { EventIdSchema, EventSchema } from '../events/events.routes.js';
import { jsonResponse } from '../schemas.js';
import { EndpointParamSchema, iso, tags } from './webhooks.routes.js';

/** An endpoint's deliveries (one per event): listed, read, retried, counted; and a test event sent to it. */

export const DeliverySchema = z
  .object({
    id: EventIdSchema.openapi({ description: "The delivery's id: its event's id (one delivery per event and endpoint)." }),
    endpointId: z.string(),
    eventType: z.enum(EVENT_TYPES),
    status: z.enum(DELIVERY_STATUSES).openapi({
      description:
        '`pending`: to be attempted (see `nextAttemptAt`); `delivered`: a 2xx came in time; `failed`: the retry schedule is spent ' +
        '(or the endpoint was disabled).',
    }),
    attempts: z.number().int(),
    createdAt: z.string(),
    lastAttemptAt: iso('Null before the first attempt.'),
    lastStatusCode: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "The last attempt's HTTP status, null when none came (timeout, refused...)." }),
    lastError: z.string().nullable().openapi({ example: 'no answer within 5000 ms (timed out)' }),
    lastResponse: z.string().nullable().openapi({ description: "The start of the receiver's last answer (512 characters at most)." }),
    lastDurationMs: z.number().int().nullable(),
    nextAttemptAt: iso('When the next attempt is due (pending only).'),
    deliveredAt: iso('When it was delivered.'),
    failedAt: iso('When it failed.'),
  })
  .openapi('WebhookDelivery');

export const DeliveryDetailSchema = DeliverySchema.extend({
  event: EventSchema.nullable().openapi({
    description: 'The body sent, while it is kept (pending and failed deliveries); null once delivered.',
  }),
}).openapi('WebhookDeliveryDetail');

export const DeliveryParamSchema = EndpointParamSchema.extend({
  deliveryId: EventIdSchema.openapi({ param: { name: 'deliveryId', in: 'path' } }),
});
export const listDeliveries = createRoute({
  method: 'get',
  operationId: 'listDeliveries',
  path: '/{tenantId}/webhooks/{id}/deliveries',
  tags,
  summary: "An endpoint's deliveries",
  description:
    'Newest event first, with attempts, last status code, last error and next attempt time. Finished deliveries (delivered, ' +
    'failed) are listed for `WEBHOOK_LOG_RETENTION` after their event (7 days), at most `WEBHOOK_LOG_MAX_PER_ENDPOINT` of each ' +
    'kind; pending ones until they finish.',
  request: {
    params: EndpointParamSchema,
    query: z.object({
      status: z.enum(DELIVERY_STATUSES).optional().openapi({ description: 'Only those in this state.' }),
      cursor: EventIdSchema.optional().openapi({ description: 'The `nextCursor` of the previous page.' }),
      limit: z.coerce.number().int().min(1).max(500).default(50),
    }),
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          deliveries: z.array(DeliverySchema),
          nextCursor: z.string().nullable().openapi({ description: 'Null on the last page.' }),
        })
        .openapi('WebhookDeliveryPage'),
      'A page of deliveries.',
    ),
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

export const getDelivery = createRoute({
  method: 'get',
  operationId: 'getDelivery',
  path: '/{tenantId}/webhooks/{id}/deliveries/{deliveryId}',
  tags,
  summary: 'A delivery, with the event it sends',
  request: { params: DeliveryParamSchema },
  responses: { 200: jsonResponse(DeliveryDetailSchema, 'The delivery.'), ...notFoundResponse, ...commonErrorResponses },
});

export const retryDelivery = createRoute({
  method: 'post',
  operationId: 'retryDelivery',
  path: '/{tenantId}/webhooks/{id}/deliveries/{deliveryId}/retry',
  tags,
  summary: 'Send a failed delivery again now',
  description:
    'The delivery is pending again and attempted at once (one more attempt when its schedule was spent). Only a failed delivery of ' +
    'an active endpoint: 409 otherwise.',
  request: { params: DeliveryParamSchema },
  responses: {
    202: jsonResponse(DeliverySchema, 'The delivery, pending again.'),
    ...notFoundResponse,
    ...conflictResponse,
    ...bodyErrorResponses,
    ...commonErrorResponses,
  },
});

const windowStats = (window: string) =>
  z
    .object({
      attempts: z
        .number()
        .int()
        .openapi({ description: `Delivery attempts recorded in ${window}.` }),
      attemptsSucceeded: z.number().int().openapi({ description: 'Attempts answered 2xx within `WEBHOOK_TIMEOUT_MS`.' }),
      attemptsFailed: z.number().int(),
      deliveriesSucceeded: z.number().int().openapi({ description: 'Deliveries delivered.' }),
      deliveriesFailed: z
        .number()
        .int()
        .openapi({ description: 'Deliveries failed for good (retry schedule spent, or the endpoint disabled).' }),
      successRate: z.number().nullable().openapi({ description: 'attemptsSucceeded / attempts; null without attempts.', example: 0.98 }),
      p50DurationMs: z.number().nullable().openapi({
        description:
          'Half the attempts were answered within this (the upper bound of a bucket: 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000 ms); null without attempts.',
        example: 50,
      }),
      p95DurationMs: z
        .number()
        .nullable()
        .openapi({ description: '95% of the attempts were answered within this (same buckets).', example: 250 }),
    })
    .openapi(window === 'the last hour' ? 'WebhookStatsLastHour' : 'WebhookStatsLast24Hours');

export const WebhookStatsSchema = z
  .object({
    endpointId: z.string(),
    lastHour: windowStats('the last hour'),
    last24Hours: windowStats('the last 24 hours'),
    pending: z.number().int().openapi({ description: 'Deliveries not yet delivered nor failed.' }),
    oldestPendingAt: iso("When the oldest pending delivery's event happened; null when none is pending."),
    lastSuccessAt: iso(
      'The last attempt answered 2xx in time; null when none is recorded (figures are kept 24 hours, the last success and failure as long as the endpoint).',
    ),
    lastFailureAt: iso('The last failed attempt; null when none is recorded.'),
    lastFailure: z
      .object({ statusCode: z.number().int().nullable(), error: z.string().nullable() })
      .nullable()
      .openapi({ description: "The last failed attempt's status code and error.", example: { statusCode: 503, error: 'HTTP 503' } }),
    dropped: z.number().int().openapi({
      description:
        "Events not queued for this endpoint while it was paused and the tenant's `pausedDeliveries` quota was reached, since the endpoint was created. They were never delivered; they stay in the change feed (`GET /{tenantId}/events`) while it keeps them.",
      example: 0,
    }),
    lastDroppedAt: iso('The last time an event was not queued for it (see `dropped`); null when none was.'),
  })
  .openapi('WebhookStats');

export const WebhookTestResultSchema = z
  .object({
    delivered: z.boolean().openapi({ description: 'The receiver answered 2xx within `WEBHOOK_TIMEOUT_MS`.' }),
    statusCode: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "The receiver's HTTP status; null when none came (timeout, refused...)." }),
    durationMs: z.number().int(),
    error: z.string().nullable().openapi({ example: 'connection refused' }),
    response: z.string().nullable().openapi({ description: "The start of the receiver's answer (512 characters at most)." }),
    webhookId: z.string().openapi({ description: 'The `webhook-id` header sent.', example: 'test_0b9f7d0e-2c1f-4f5e-9d7a-3b1c2a4d5e6f' }),
  })
  .openapi('WebhookTestResult');

export const getWebhookStats = createRoute({
  method: 'get',
  operationId: 'getWebhookStats',
  path: '/{tenantId}/webhooks/{id}/stats',
  tags,
  summary: "An endpoint's delivery figures",
  description:
    'Attempts, deliveries succeeded and failed over the last hour and the last 24 hours (5-minute and hourly buckets, the current one included), the success rate, p50/p95 attempt duration, the oldest pending delivery, the last success and the last failure. Counted in Redis as attempts are recorded.',
  request: { params: EndpointParamSchema },
  responses: { 200: jsonResponse(WebhookStatsSchema, 'The figures.'), ...notFoundResponse, ...commonErrorResponses },
});

export const testWebhook = createRoute({
  method: 'post',
  operationId: 'testWebhook',
  path: '/{tenantId}/webhooks/{id}/test',
  tags,
  summary: 'Send a test event to an endpoint now',
  description:
    "A signed `webhook.test` event (`data`: the endpoint id and a message) is POSTed at once, not through the feed nor the delivery log, whatever the endpoint's status (a disabled one too: to see that it can be re-enabled). The answer says what the receiver answered. Not counted in the figures.",
  request: { params: EndpointParamSchema },
  responses: {
    200: jsonResponse(WebhookTestResultSchema, 'What the receiver answered.'),
    ...notFoundResponse,
    ...bodyErrorResponses,
    ...commonErrorResponses,
  },
});

export const retryFailedDeliveries = createRoute({
  method: 'post',
  operationId: 'retryFailedDeliveries',
  path: '/{tenantId}/webhooks/{id}/deliveries/retry',
  tags,
  summary: 'Send every failed delivery of an endpoint again now',
  description:
    'Each failed delivery still in the log is pending again and attempted at once, as `POST .../deliveries/{deliveryId}/retry` does for one. Only for an active endpoint: 409 when it is paused or disabled.',
  request: { params: EndpointParamSchema },
  responses: {
    202: jsonResponse(
      z.object({ retried: z.number().int().openapi({ description: 'How many deliveries are pending again.' }) }).openapi('WebhookRetryAll'),
      'How many were retried.',
    ),
    ...notFoundResponse,
    ...conflictResponse,
    ...bodyErrorResponses,
    ...commonErrorResponses,
  },
});
