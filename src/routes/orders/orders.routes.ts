import { createRoute, z } from '@hono/zod-openapi';
import { IdempotencyHeaderSchema, idempotencyResponses } from '../idempotency.js';
import { commonErrorResponses, notFoundResponse, staleResponse, tooLargeResponse, unsupportedMediaResponse } from '../errors.js';
import {
  BooleanAnswerSchema,
  CodeParamSchema,
  jsonBody,
  jsonResponse,
  OrderListSchema,
  OrderParamSchema,
  OrderSchema,
  TenantParamSchema,
} from '../schemas.js';

const tags = ['Orders'];

export const upsertOrder = createRoute({
  method: 'post',
  path: '/{tenantId}/order',
  tags,
  summary: 'Create or redefine an order',
  description:
    'Stores the order and its reservations. Answers `true` when the order was created, `false` when an existing one was redefined ' +
    'entirely. A write whose `lastUpdated` is older than the stored one is refused (409). An order whose `expiresAt` has already ' +
    'passed removes any stored version and reserves nothing.',
  request: {
    params: TenantParamSchema,
    headers: IdempotencyHeaderSchema,
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
  path: '/{tenantId}/order/byid/{orderId}',
  tags,
  summary: 'Delete an order',
  request: { params: OrderParamSchema, headers: IdempotencyHeaderSchema },
  responses: {
    ...idempotencyResponses,
    200: jsonResponse(BooleanAnswerSchema, '`true` if the order was found and deleted, `false` if there was none.'),
    ...commonErrorResponses,
  },
});

export const deleteOrderLinesAtOrigin = createRoute({
  method: 'delete',
  path: '/{tenantId}/order/byid/{orderId}/code/{code}',
  tags,
  summary: "Delete an order's lines at one stock origin",
  description: 'Used when a stock origin ships its part. An order left without any line is deleted.',
  request: { params: OrderParamSchema.extend(CodeParamSchema.shape), headers: IdempotencyHeaderSchema },
  responses: {
    ...idempotencyResponses,
    200: jsonResponse(BooleanAnswerSchema, '`true` if the order was found, `false` if not.'),
    ...commonErrorResponses,
  },
});

export const getOrder = createRoute({
  method: 'get',
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
