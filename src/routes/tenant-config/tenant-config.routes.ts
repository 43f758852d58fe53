import { createRoute } from '@hono/zod-openapi';
import { bodyErrorResponses, commonErrorResponses } from '../errors.js';
import { jsonBody, jsonResponse, TenantParamSchema } from '../schemas.js';
import { TenantConfigInputSchema, TenantConfigSchema } from '../../schemas/tenant-config.js';

const tags = ['Tenant configuration'];

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
