import { createRoute, z } from '@hono/zod-openapi';
import { RESERVATION_POLICIES } from '../../domain/stock.js';
import { IdempotencyHeaderSchema, idempotencyResponses } from '../idempotency.js';
import {
  bodyErrorResponses,
  commonErrorResponses,
  notFoundResponse,
  staleResponse,
  tooLargeResponse,
  unsupportedMediaResponse,
} from '../errors.js';
import {
  BooleanAnswerSchema,
  CodeParamSchema,
  IsoDateTimeSchema,
  jsonBody,
  jsonResponse,
  OrderListSchema,
  OrderParamSchema,
  OrderSchema,
  TenantParamSchema,
} from '../schemas.js';

const tags = ['Orders'];

/** POST /{tenantId}/order's headers: an Idempotency-Key and the reservation policy of this write. */
export const UpsertHeadersSchema = IdempotencyHeaderSchema.extend({
  'reservation-policy': z
    .enum(RESERVATION_POLICIES)
    .optional()
    .openapi({
      param: {
        name: 'reservation-policy',
        in: 'header',
        description:
          "`if-available`: refuse the write (409 INSUFFICIENT_STOCK, nothing changed) when a tracked pair lacks the stock its lines ask for. `always`: take it whatever the stock (the seed contract). Absent: the tenant's configuration `reservationPolicy` (default `always`).",
      },
    }),
});

export const upsertOrder = createRoute({
  method: 'post',
  operationId: 'upsertOrder',
  path: '/{tenantId}/order',
  tags,
  summary: 'Create or redefine an order',
  description:
    'Stores the order and its reservations. Answers `true` when the order was created, `false` when an existing one was redefined ' +
    'entirely. A write whose `lastUpdated` is older than the stored one is refused (409 STALE_WRITE). Under the reservation ' +
    'policy `if-available`, a write whose lines would need more than is available at a tracked (origin, article) pair, plus ' +
    'what this order already reserves there, is refused with nothing changed (409 INSUFFICIENT_STOCK with its `shortfalls`). ' +
    'An order whose `expiresAt` has already passed removes any stored version and reserves nothing.',
  request: {
    params: TenantParamSchema,
    headers: UpsertHeadersSchema,
    ...jsonBody(OrderSchema, 'The whole order; every field but `expiresAt` is required.'),
  },
  responses: {
    ...idempotencyResponses,
    200: jsonResponse(BooleanAnswerSchema, '`true` if created, `false` if redefined.'),
    ...staleResponse,
    ...tooLargeResponse,
    ...unsupportedMediaResponse,
    ...commonErrorResponses,
  },
});

export const ReplaceSummarySchema = z
  .object({
    orderCount: z.number().int().openapi({ description: 'Orders the tenant has now.' }),
    removedCount: z.number().int().openapi({ description: 'Orders the tenant had and the new set lacks.' }),
    archive: z.enum(['written', 'pending']).openapi({
      description: '`written`: MongoDB holds exactly the new set. `pending`: MongoDB was unavailable; it converges at the next sync.',
    }),
  })
  .openapi('ReplaceSummary');

export const replaceOrders = createRoute({
  method: 'put',
  operationId: 'replaceOrders',
  path: '/{tenantId}/orders',
  tags,
  summary: "Replace all of the tenant's orders",
  description:
    "Replaces the tenant's whole order set, in Redis atomically (readers see the old set or the new one, never a mix) and in " +
    'MongoDB. If any element is invalid the request is refused and nothing changes.',
  request: {
    params: TenantParamSchema,
    headers: IdempotencyHeaderSchema,
    ...jsonBody(OrderListSchema, 'Every order of the tenant; orderIds must be unique.'),
  },
  responses: {
    ...idempotencyResponses,
    200: jsonResponse(ReplaceSummarySchema, 'The new set is in place.'),
    ...tooLargeResponse,
    ...unsupportedMediaResponse,
    ...commonErrorResponses,
  },
});

export const deleteOrder = createRoute({
  method: 'delete',
  operationId: 'deleteOrder',
  path: '/{tenantId}/order/byid/{orderId}',
  tags,
  summary: 'Delete an order',
  request: { params: OrderParamSchema, headers: IdempotencyHeaderSchema },
  responses: {
    ...idempotencyResponses,
    200: jsonResponse(BooleanAnswerSchema, '`true` if the order was found and deleted, `false` if there was none.'),
    ...bodyErrorResponses,
    ...commonErrorResponses,
  },
});

export const deleteOrderLinesAtOrigin = createRoute({
  method: 'delete',
  operationId: 'deleteOrderLinesAtOrigin',
  path: '/{tenantId}/order/byid/{orderId}/code/{code}',
  tags,
  summary: "Delete an order's lines at one stock origin",
  description: 'Used when a stock origin ships its part. An order left without any line is deleted.',
  request: { params: OrderParamSchema.extend(CodeParamSchema.shape), headers: IdempotencyHeaderSchema },
  responses: {
    ...idempotencyResponses,
    200: jsonResponse(BooleanAnswerSchema, '`true` if the order was found, `false` if not.'),
    ...bodyErrorResponses,
    ...commonErrorResponses,
  },
});

export const getOrder = createRoute({
  method: 'get',
  operationId: 'getOrder',
  path: '/{tenantId}/order/{orderId}',
  tags,
  summary: 'Read an order as it stands',
  request: { params: OrderParamSchema },
  responses: {
    200: jsonResponse(OrderSchema, 'The order, with the lines not yet shipped.'),
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

export const holdOrder = createRoute({
  method: 'post',
  operationId: 'holdOrder',
  path: '/{tenantId}/order/{orderId}/hold',
  tags,
  summary: "Move an order's expiry (a hold)",
  description:
    "Moves the order's `expiresAt` without rewriting its lines (its reservations stay as they are), with an `order.updated` event. `true` when the order exists and is live, `false` when not. A time not in the future is refused (400).",
  request: {
    params: OrderParamSchema,
    headers: IdempotencyHeaderSchema,
    ...jsonBody(
      z.object({ expiresAt: IsoDateTimeSchema.openapi({ description: 'The new expiry; later than now.' }) }).openapi('Hold'),
      'The new expiry.',
    ),
  },
  responses: {
    ...idempotencyResponses,
    200: jsonResponse(BooleanAnswerSchema, '`true` if the order was found live and its hold moved, `false` if not.'),
    ...bodyErrorResponses,
    ...commonErrorResponses,
  },
});
