import { createRoute, z } from '@hono/zod-openapi';
import { RESERVATION_POLICIES } from '../../domain/stock.js';
import { commonErrorResponses, bodyErrorResponses } from '../errors.js';
import { jsonBody, jsonResponse, TenantParamSchema } from '../schemas.js';

const tags = ['Tenant configuration'];

const enableInternalOrderSync = z.boolean().openapi({
  description: "Whether the ten-minute batch writes this tenant's orders to MongoDB. Default true.",
});

const saturationThresholds = z
  .array(z.number().positive().max(100))
  .min(1)
  .max(10)
  .refine((list) => list.every((t, i) => i === 0 || t > list[i - 1]!), 'must be in ascending order, each once')
  .openapi({
    description:
      'The stock-origin saturations (1: a capacity limit reached) whose crossing, upward or downward, appends a `stock_origin.saturation` event. Default [0.8, 1].',
    example: [0.8, 1],
  });

const reservationPolicy = z.enum(RESERVATION_POLICIES).openapi({
  description:
    'The reservation policy of order writes that name none (header `Reservation-Policy`): `always` takes every write (the seed contract); `if-available` refuses one a tracked pair lacks the stock for. Default `always`.',
  example: 'always',
});

const holdSeconds = z
  .number()
  .int()
  .positive()
  .max(366 * 24 * 3600)
  .optional();
const defaultHoldSeconds = z
  .object({ Cart: holdSeconds, Order: holdSeconds, ExternalOrder: holdSeconds })
  .strict()
  .openapi({
    description:
      'Per order type, the hold an order written without `expiresAt` gets: it expires that many seconds after its write. A type left out gets none. Default {}.',
    example: { Cart: 1800 },
  });

export const TenantConfigSchema = z
  .object({ enableInternalOrderSync, saturationThresholds, reservationPolicy, defaultHoldSeconds })
  .openapi('ConfigDo');

/** What PUT takes: the whole configuration, fields left out taking their defaults. */
export const TenantConfigInputSchema = z
  .object({
    enableInternalOrderSync,
    saturationThresholds: saturationThresholds.optional(),
    reservationPolicy: reservationPolicy.optional(),
    defaultHoldSeconds: defaultHoldSeconds.optional(),
  })
  .openapi('ConfigDoInput');

export const getTenantConfig = createRoute({
  method: 'get',
  operationId: 'getTenantConfig',
  path: '/{tenantId}/config',
  tags,
  summary: "The tenant's configuration",
  description: 'A tenant never configured gets the defaults.',
  request: { params: TenantParamSchema },
  responses: { 200: jsonResponse(TenantConfigSchema, 'The configuration in force.'), ...commonErrorResponses },
});

export const putTenantConfig = createRoute({
  method: 'put',
  operationId: 'putTenantConfig',
  path: '/{tenantId}/config',
  tags,
  summary: "Set the tenant's configuration",
  description: 'Stored in MongoDB first (it survives a Redis loss), then in Redis.',
  request: {
    params: TenantParamSchema,
    ...jsonBody(TenantConfigInputSchema, 'The whole configuration; a field left out takes its default.'),
  },
  responses: {
    200: jsonResponse(TenantConfigSchema, 'The configuration now in force.'),
    ...bodyErrorResponses,
    ...commonErrorResponses,
  },
});
