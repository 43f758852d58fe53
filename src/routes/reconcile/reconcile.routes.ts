import { createRoute, z } from '@hono/zod-openapi';
import { commonErrorResponses, bodyErrorResponses } from '../errors.js';
import { jsonResponse, TenantIdSchema } from '../schemas.js';

export const ReservationDriftSchema = z
  .object({
    figure: z
      .enum([
        'reservedQty',
        'lineCount',
        'orderCount',
        'originArticleQty',
        'articleOriginQty',
        'wrongType',
        'indexEntry',
        'counter',
        'stockLevel',
      ])
      .openapi({
        description:
          "`reservedQty`/`lineCount`/`orderCount`: the origin's totals; `originArticleQty`: the article's quantity at the origin; " +
          '`articleOriginQty`: the same seen from the article; `wrongType`: a figure key of the wrong Redis type (`code` names ' +
          'it); `indexEntry`: an order index entry missing or extra (`code` names it: kind letter, value, a space, the orderId; ' +
          'stored/recomputed 1 or 0); `counter`: a tenant counter (`code`: Order, Cart, ExternalOrder, lines, units or articles); ' +
          "`stockLevel`: a tracked pair's level in Redis (`stored`: its onHand) differs from MongoDB's (`recomputed`: its onHand; " +
          'null: one side lacks the pair); the repair copies the level counted later to the other side.',
      }),
    code: z.string().openapi({ description: 'The stock origin.', example: 'FRA:MAG:0125' }),
    artGuid: z.string().optional().openapi({ description: 'The article, for per-article figures.' }),
    stored: z.union([z.number(), z.string()]).nullable().openapi({ description: 'What the store held; null: nothing.' }),
    recomputed: z
      .number()
      .nullable()
      .openapi({ description: "What the stored orders add up to; 0: the figure should not exist (stockLevel: MongoDB's onHand)." }),
  })
  .openapi('ReservationDrift');

export const TenantReconcileReportSchema = z
  .object({
    tenantId: z.number().int(),
    status: z.enum(['consistent', 'repaired', 'drifted', 'skipped', 'failed']).openapi({
      description: '`drifted`: drift found by a dry run (not repaired). `skipped`: over RECONCILE_MAX_ORDERS orders.',
    }),
    reason: z.string().optional(),
    ordersChecked: z.number().int(),
    driftCount: z.number().int().openapi({ description: 'Figures that differed (all counted; the first 1000 listed).' }),
    drift: z.array(ReservationDriftSchema),
    unreadableOrders: z.array(z.string()).openapi({ description: 'Stored orders that could not be read; they reserve nothing.' }),
    durationMs: z.number(),
    error: z.string().optional(),
  })
  .openapi('TenantReconcileReport');

export const ReconcileRunSchema = z
  .object({
    trigger: z.enum(['admin', 'schedule', 'restore']),
    dryRun: z.boolean(),
    startedAt: z.string(),
    durationMs: z.number(),
    driftCount: z.number().int(),
    tenants: z.array(TenantReconcileReportSchema),
  })
  .openapi('ReconcileRun');

export const reconcileNow = createRoute({
  method: 'post',
  operationId: 'reconcileNow',
  path: '/admin/reconcile',
  tags: ['Admin'],
  summary: 'Recompute every reservation figure from the stored orders, report and repair drift',
  description:
    "For each tenant (or the one given), atomically recomputes each origin's and article's figures from the orders in Redis, lists " +
    'those that differ (origin, article, stored, recomputed) and rewrites them unless `dryRun`. Writes made meanwhile are never ' +
    'lost. Runs daily (RECONCILE_CRON) and after a restore.',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({
            tenantId: TenantIdSchema.optional().openapi({ description: 'Only this tenant.' }),
            dryRun: z.boolean().optional().openapi({ description: 'Report only; repair nothing.' }),
          }),
        },
      },
      required: false,
      description: 'Optional narrowing.',
    },
  },
  responses: { 200: jsonResponse(ReconcileRunSchema, 'The finished run.'), ...bodyErrorResponses, ...commonErrorResponses },
});
