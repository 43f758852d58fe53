import { createRoute, z } from '@hono/zod-openapi';
import { bodyErrorResponses, commonErrorResponses, notFoundResponse } from '../errors.js';
import { jsonResponse, pathGuid, TenantParamSchema } from '../schemas.js';

const tags = ['Admin: API keys'];

const keyFields = {
  id: z.guid().openapi({ description: "The key's id (not the secret).", example: '0b6f0c1e-4a58-4a53-9a43-9d3c2b7e7c11' }),
  tenantId: z.number().int().openapi({ example: 42 }),
  createdAt: z.string().openapi({ example: '2025-09-22T10:01:20.624Z' }),
  lastUsedAt: z
    .string()
    .nullable()
    .openapi({ description: 'Last request made with the key; written within a minute or so of the use. Null: never used.' }),
};

export const ApiKeySchema = z.object(keyFields).openapi('ApiKey');

export const CreatedApiKeySchema = z
  .object({
    ...keyFields,
    key: z.string().openapi({
      description: 'The secret, `rsv_` and 43 base64url characters. Shown this once: only its SHA-256 is stored.',
      example: 'rsv_3q2-7wKMuHn1dX7cVJ9dAo1e4m3hTZpuXfwTq0H6i5A',
    }),
  })
  .openapi('CreatedApiKey');

export const ApiKeyParamSchema = TenantParamSchema.extend({
  keyId: pathGuid('keyId', z.guid().openapi({ example: '0b6f0c1e-4a58-4a53-9a43-9d3c2b7e7c11' })),
});

export const createApiKey = createRoute({
  method: 'post',
  operationId: 'createApiKey',
  path: '/admin/tenants/{tenantId}/api-keys',
  tags,
  summary: 'Create an API key for a tenant',
  description:
    "The key reaches this tenant's routes only (`/{tenantId}/...`), never another tenant's nor `/admin`. The answer is the only " +
    'time the key is shown. Needs MongoDB (keys are durable there).',
  request: {
    params: TenantParamSchema,
    // No field yet: a client may send no body or `{}` (a generator that always sends a JSON body).
    body: {
      content: { 'application/json': { schema: z.object({}).openapi('CreateApiKeyRequest') } },
      required: false,
      description: 'Optional; no field yet.',
    },
  },
  responses: {
    201: jsonResponse(CreatedApiKeySchema, 'The new key, with its secret.'),
    ...bodyErrorResponses,
    ...commonErrorResponses,
  },
});

export const listApiKeys = createRoute({
  method: 'get',
  operationId: 'listApiKeys',
  path: '/admin/tenants/{tenantId}/api-keys',
  tags,
  summary: "A tenant's API keys",
  description: 'Ids, creation and last-use dates; never the secrets. Needs MongoDB.',
  request: { params: TenantParamSchema },
  responses: {
    200: jsonResponse(z.object({ keys: z.array(ApiKeySchema) }).openapi('ApiKeyList'), 'Oldest first.'),
    ...commonErrorResponses,
  },
});

export const revokeApiKey = createRoute({
  method: 'delete',
  operationId: 'revokeApiKey',
  path: '/admin/tenants/{tenantId}/api-keys/{keyId}',
  tags,
  summary: 'Revoke an API key',
  description:
    'Takes effect at once on every replica: the next request with the key is refused with 401. A 503 means the revocation may be ' +
    'incomplete: retry it.',
  request: { params: ApiKeyParamSchema },
  responses: { 204: { description: 'Revoked.' }, ...notFoundResponse, ...bodyErrorResponses, ...commonErrorResponses },
});
