import { createRoute, z } from '@hono/zod-openapi';
import { commonErrorResponses } from '../errors.js';
import { EXAMPLE_SUMMARY } from '../examples.js';
import { TenantSummarySchema } from '../reservations/reservations.routes.js';
import { jsonResponse } from '../schemas.js';

export const TenantOverviewSchema = TenantSummarySchema.extend({
  tenantId: z.number().int(),
  enableInternalOrderSync: z
    .boolean()
    .nullable()
    .openapi({ description: 'Null when the configuration could not be read (MongoDB down and Redis without it).' }),
}).openapi('TenantOverview', { example: { tenantId: 0, enableInternalOrderSync: true, ...EXAMPLE_SUMMARY } });

export const listTenants = createRoute({
  method: 'get',
  operationId: 'listTenants',
  path: '/admin/tenants',
  tags: ['Admin: tenants'],
  summary: 'Every tenant with its key figures and sync flag',
  description:
    'Every tenant with orders in Redis, a configuration or a stock-origin capacity, by tenant id, each with its summary (GET ' +
    '/{tenantId}/summary) and `enableInternalOrderSync`. Page with `nextCursor`. Admin key only.',
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      cursor: z
        .string()
        .regex(/^\d{1,10}$/, 'must be the nextCursor of the previous page')
        .optional()
        .openapi({ description: 'The `nextCursor` of the previous page.' }),
    }),
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          tenants: z.array(TenantOverviewSchema),
          nextCursor: z.string().nullable().openapi({ description: 'Pass it as `cursor` for the next page; null: no more.' }),
        })
        .openapi('TenantList', {
          example: { tenants: [{ tenantId: 0, enableInternalOrderSync: true, ...EXAMPLE_SUMMARY }], nextCursor: '0' },
        }),
      'A page of tenants.',
    ),
    ...commonErrorResponses,
  },
});
