import { createRoute, z } from '@hono/zod-openapi';
import { commonErrorResponses, bodyErrorResponses } from '../errors.js';
import { IdempotencyHeaderSchema, idempotencyResponses } from '../idempotency.js';
import { jsonBody, jsonResponse, StockOriginCodeSchema, TenantParamSchema } from '../schemas.js';

export const ShipmentSchema = z
  .object({
    orderId: z
      .guid()
      .transform((id) => id.toLowerCase())
      .openapi({ description: 'The order.', example: '3fa85f64-5717-4562-b3fc-2c963f66afa6' }),
    code: StockOriginCodeSchema.openapi({ description: 'The stock origin that shipped its lines of it.' }),
  })
  .openapi('Shipment');

export const shipOrderLines = createRoute({
  method: 'post',
  operationId: 'shipOrderLines',
  path: '/{tenantId}/shipments',
  tags: ['Orders'],
  summary: "A wave of shipments: remove many orders' lines at their origin at once",
  description:
    'Does for each item what `DELETE /{tenantId}/order/byid/{orderId}/code/{code}` does (an order left without lines is deleted), ' +
    'each item on its own, in the order given, and answers `true`/`false` per item in the same order (`true`: the order exists). A ' +
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
            { orderId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', code: 'FRA:MAG:0125' },
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
