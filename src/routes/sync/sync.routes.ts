import { createRoute, z } from '@hono/zod-openapi';
import { commonErrorResponses, bodyErrorResponses } from '../errors.js';
import { jsonResponse, TenantParamSchema } from '../schemas.js';

export const TenantSyncReportSchema = z
  .object({
    tenantId: z.number().int(),
    status: z.enum(['synced', 'skipped', 'failed']),
    mode: z.enum(['incremental', 'full']),
    reason: z.string().optional().openapi({ description: 'Why the tenant was skipped.' }),
    ordersWritten: z.number().int(),
    ordersDeleted: z.number().int(),
    startedAt: z.string(),
    durationMs: z.number(),
    error: z.string().optional(),
  })
  .openapi('TenantSyncReport');

export const SyncRunSchema = z
  .object({
    runId: z.string(),
    trigger: z.enum(['schedule', 'admin', 'startup']),
    startedAt: z.string(),
    finishedAt: z.string(),
    durationMs: z.number(),
    ok: z.boolean(),
    tenants: z.array(TenantSyncReportSchema),
  })
  .openapi('SyncRun');

export const TenantSyncStatusSchema = z
  .object({
    tenantId: z.number().int(),
    enableInternalOrderSync: z.boolean().nullable().openapi({
      description: 'null when Redis does not hold the configuration and MongoDB is unavailable.',
    }),
    pendingChanges: z.number().int().openapi({ description: 'Orders changed since they were last written to MongoDB.' }),
    mirrored: z
      .boolean()
      .openapi({ description: 'False until a full sync confirms MongoDB mirrors the tenant; the next sync is then full.' }),
    lastSync: TenantSyncReportSchema.nullable(),
  })
  .openapi('TenantSyncStatus');

export const RestoreReportSchema = z
  .object({
    tenantId: z.number().int(),
    status: z.enum(['restored', 'skipped', 'failed']),
    reason: z.string().optional(),
    ordersRead: z.number().int(),
    ordersRestored: z.number().int(),
    durationMs: z.number(),
    error: z.string().optional(),
  })
  .openapi('RestoreReport');

export const getTenantSync = createRoute({
  method: 'get',
  operationId: 'getTenantSync',
  path: '/{tenantId}/sync',
  tags: ['Sync'],
  summary: "The tenant's last sync to MongoDB and what is pending",
  request: { params: TenantParamSchema },
  responses: { 200: jsonResponse(TenantSyncStatusSchema, 'Sync status.'), ...commonErrorResponses },
});

const adminTags = ['Admin'];

const optionalJson = <T extends z.ZodType>(schema: T, description: string) => ({
  body: { content: { 'application/json': { schema } }, required: false, description },
});

export const runSyncNow = createRoute({
  method: 'post',
  operationId: 'runSyncNow',
  path: '/admin/sync',
  tags: adminTags,
  summary: 'Run the sync batch now',
  description: 'Answers when the batch is done, with a report per tenant. Waits for a batch already running, then runs.',
  request: {
    ...optionalJson(
      z.object({
        tenantId: z.number().int().min(0).optional().openapi({ description: 'Only this tenant.' }),
        full: z
          .boolean()
          .optional()
          .openapi({ description: 'Rewrite every order and delete what Redis lacks, instead of the changes only.' }),
      }),
      'Optional narrowing.',
    ),
  },
  responses: { 200: jsonResponse(SyncRunSchema, 'The finished run.'), ...bodyErrorResponses, ...commonErrorResponses },
});

export const listSyncRuns = createRoute({
  method: 'get',
  operationId: 'listSyncRuns',
  path: '/admin/sync',
  tags: adminTags,
  summary: 'The last sync runs, newest first',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(50).default(20) }) },
  responses: {
    200: jsonResponse(z.object({ running: z.boolean(), runs: z.array(SyncRunSchema) }).openapi('SyncRuns'), 'Recent runs.'),
    ...commonErrorResponses,
  },
});

export const restoreNow = createRoute({
  method: 'post',
  operationId: 'restoreNow',
  path: '/admin/restore',
  tags: adminTags,
  summary: 'Restore tenants from MongoDB into Redis',
  description:
    'Writes archived orders and configurations back into Redis, never over a newer state or a pending change. Without `force`, ' +
    'only tenants not yet restored since Redis lost them.',
  request: {
    ...optionalJson(
      z.object({
        tenantId: z.number().int().min(0).optional(),
        force: z.boolean().optional().openapi({ description: 'Restore even tenants already restored.' }),
      }),
      'Optional narrowing.',
    ),
  },
  responses: {
    200: jsonResponse(z.object({ tenants: z.array(RestoreReportSchema) }).openapi('RestoreRun'), 'Per-tenant report.'),
    ...bodyErrorResponses,
    ...commonErrorResponses,
  },
});
