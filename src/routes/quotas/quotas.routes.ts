import { createRoute, z } from '@hono/zod-openapi';
import { bodyErrorResponses, commonErrorResponses } from '../errors.js';
import { jsonBody, jsonResponse, TenantParamSchema } from '../schemas.js';

const tags = ['Admin: quotas'];

const limit = (description: string) => z.number().int().min(1).max(1_000_000_000).openapi({ description });

const quotaFields = {
  orders: limit('Orders stored at once. A new order past it: 403 QUOTA_EXCEEDED.'),
  linesPerOrder: limit("Lines of one order (never more than 5,000, the schema's limit)."),
  webhookEndpoints: limit('Webhook endpoints.'),
  capacities: limit('Stock origins with a capacity.'),
  idempotencyRecords: limit('Idempotency-Key records kept at once (each for IDEMPOTENCY_TTL_MS).'),
  stockLevels: limit('Tracked (origin, article) pairs: stock levels kept at once. A count that would track more: 403 QUOTA_EXCEEDED.'),
  pausedDeliveries: limit(
    "Webhook deliveries queued at once for the tenant's paused endpoints, all together. Past it a new event is not queued for a paused endpoint (it stays in the change feed) and is counted in the endpoint's `dropped`; the write behind the event is never refused.",
  ),
};

export const TenantQuotasSchema = z.object(quotaFields).openapi('TenantQuotas');

export const TenantQuotasAnswerSchema = z
  .object({
    tenantId: z.number().int(),
    quotas: TenantQuotasSchema.openapi({ description: 'The quotas in force: those set for the tenant, else the defaults.' }),
    defaults: TenantQuotasSchema.openapi({ description: 'The defaults of the configuration (QUOTA_*).' }),
  })
  .openapi('TenantQuotasAnswer');

export const TenantQuotasInputSchema = z
  .object({
    orders: quotaFields.orders.nullable().optional(),
    linesPerOrder: quotaFields.linesPerOrder.nullable().optional(),
    webhookEndpoints: quotaFields.webhookEndpoints.nullable().optional(),
    capacities: quotaFields.capacities.nullable().optional(),
    idempotencyRecords: quotaFields.idempotencyRecords.nullable().optional(),
    stockLevels: quotaFields.stockLevels.nullable().optional(),
    pausedDeliveries: quotaFields.pausedDeliveries.nullable().optional(),
  })
  .strict()
  .openapi('TenantQuotasInput', { description: 'The quotas to set; null puts one back to its default; one left out is unchanged.' });

export const getTenantQuotas = createRoute({
  method: 'get',
  operationId: 'getTenantQuotas',
  path: '/admin/tenants/{tenantId}/quotas',
  tags,
  summary: "A tenant's quotas",
  description: 'What the tenant may keep in Redis: the quotas set for it, else the defaults of the configuration.',
  request: { params: TenantParamSchema },
  responses: { 200: jsonResponse(TenantQuotasAnswerSchema, 'The quotas in force.'), ...commonErrorResponses },
});

export const setTenantQuotas = createRoute({
  method: 'put',
  operationId: 'setTenantQuotas',
  path: '/admin/tenants/{tenantId}/quotas',
  tags,
  summary: "Set a tenant's quotas",
  description:
    'Applies to the writes that follow (other replicas within 5 s); what is stored already is never removed, but nothing more is accepted past a quota. Kept in Redis: after a Redis loss the defaults apply until set again.',
  request: { params: TenantParamSchema, ...jsonBody(TenantQuotasInputSchema, 'The quotas to change.') },
  responses: {
    200: jsonResponse(TenantQuotasAnswerSchema, 'The quotas now in force.'),
    ...bodyErrorResponses,
    ...commonErrorResponses,
  },
});
