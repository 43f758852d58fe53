import { createRoute, z } from '@hono/zod-openapi';
import { commonErrorResponses, bodyErrorResponses } from '../errors.js';
import { IdempotencyHeaderSchema, idempotencyResponses } from '../idempotency.js';
import { ORDER_LIMITS } from '../../domain/order.js';
import { jsonBody, jsonResponse, StockOriginCodeSchema, TenantParamSchema } from '../schemas.js';

export const ShipmentSchema = z
  .object({
    orderId: z
      .guid()
      .transform((id) => id.toLowerCase())
      .openapi({ description: 'The order.', example: '3fa85f64-5717-4562-b3fc-2c963f66afa6' }),
    code: StockOriginCodeSchema.openapi({ description: 'The stock origin that shipped its lines of it.' }),
    artGuid: z
      .guid()
      .transform((id) => id.toLowerCase())
      .optional()
      .openapi({
        description: "Only the order's lines of this article at the origin (default: all its lines there).",
        example: 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460',
      }),
    qty: z
      .number()
      .int()
      .positive()
      .max(ORDER_LIMITS.maxQtyPerLine * ORDER_LIMITS.maxLinesPerOrder)
      .optional()
      .openapi({
        description:
          'Only this many units of the article (needs `artGuid`), taken from its lines in order; a line shipped in part keeps the rest. ' +
          'More than the order holds ships what it holds.',
        example: 2,
      }),
  })
  .refine((item) => item.qty === undefined || item.artGuid !== undefined, { message: 'qty needs artGuid', path: ['qty'] })
  .openapi('Shipment');

export const shipOrderLines = createRoute({
  method: 'post',
  operationId: 'shipOrderLines',
  path: '/{tenantId}/shipments',
  tags: ['Orders'],
  summary: "A wave of shipments: remove many orders' lines at their origin at once",
  description:
    'Does for each item what `DELETE /{tenantId}/order/byid/{orderId}/code/{code}` does (an order left without lines is deleted), ' +
    'or with `artGuid` only for that article, or with `qty` too only for that many of its units (partial shipment), ' +
    'each item on its own, in the order given, and answers `true`/`false` per item in the same order (`true`: the order exists). ' +
    'Each tracked (origin, article) pair shipped from loses the units shipped from its `onHand`, and its `asOf` becomes the time of ' +
    'the shipment, so that a count taken earlier can no longer overwrite it (a level counted after it is left as it is). A ' +
    'malformed item refuses the whole request with 400 before anything changes.',
  request: {
    params: TenantParamSchema,
    headers: IdempotencyHeaderSchema,
    ...jsonBody(
      z
        .array(ShipmentSchema)
        .min(1)
        .max(1000)
        .openapi('ShipmentList', {
          example: [
            { orderId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', code: 'FRA:MAG:0125' },
            {
              orderId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
              code: 'FRA:MAG:0125',
              artGuid: 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460',
              qty: 2,
            },
          ],
        }),
      '1–1000 items.',
    ),
  },
  responses: {
    200: jsonResponse(z.array(z.boolean()).openapi('ShipmentAnswers', { example: [true, false] }), 'Per item, whether its order exists.'),
    ...idempotencyResponses,
    ...bodyErrorResponses,
    ...commonErrorResponses,
  },
});
