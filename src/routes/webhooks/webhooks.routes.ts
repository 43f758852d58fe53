import { createRoute, z } from '@hono/zod-openapi';
import { ENDPOINT_ID_PATTERN } from '../../domain/webhooks.js';
import { bodyErrorResponses, commonErrorResponses, conflictResponse, notFoundResponse } from '../errors.js';
import { jsonBody, jsonResponse, TenantParamSchema } from '../schemas.js';
import { CreateWebhookSchema, description, events, url } from '../../schemas/webhooks.js';

export const tags = ['Webhooks'];

/** A time, or null (the endpoints' and the deliveries' schemas). */
export const iso = (text: string) => z.string().nullable().openapi({ description: text, example: '2025-09-22T10:01:20.624Z' });

const endpointFields = {
  id: z.string().openapi({ example: 'ep_2r0bC0d3xq9lVb8s1hZk4A' }),
  tenantId: z.number().int().openapi({ example: 0 }),
  url: z.string(),
  events,
  description,
  status: z.enum(['active', 'paused', 'disabled']).openapi({
    description:
      '`active`: deliveries are sent. `paused` (by the tenant): deliveries queue up and are sent once it is `active` again. ' +
      '`disabled`: every attempt failed for `WEBHOOK_DISABLE_AFTER`; no new deliveries, pending ones failed (see ' +
      '`disabledReason`); set `active` to re-enable.',
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
  failingSince: iso('The first failed attempt since the last successful one; null while deliveries succeed.'),
  disabledAt: iso('When it was disabled for failing; null unless disabled.'),
  disabledReason: z.string().nullable().openapi({ example: 'every delivery attempt failed for 5d or more (last: HTTP 503)' }),
};

export const WebhookEndpointSchema = z.object(endpointFields).openapi('WebhookEndpoint');

export const CreatedWebhookEndpointSchema = z
  .object({
    ...endpointFields,
    secret: z.string().openapi({
      description:
        'The signing secret (`whsec_` + base64 of 32 random bytes), shown this once. Receivers check each delivery with it ' +
        '(Standard Webhooks).',
      example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3X+7V0K1Gq0=',
    }),
  })
  .openapi('CreatedWebhookEndpoint');

export const UpdateWebhookSchema = z
  .object({
    url: url.optional(),
    events: events.optional(),
    description: description.optional(),
    status: z
      .enum(['active', 'paused'])
      .optional()
      .openapi({ description: '`paused` holds deliveries (they queue); `active` resumes them, and re-enables a disabled endpoint.' }),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'give at least one of url, events, description, status')
  .openapi('UpdateWebhookEndpoint');

export const EndpointParamSchema = TenantParamSchema.extend({
  id: z
    .string()
    .regex(ENDPOINT_ID_PATTERN, 'must be a webhook endpoint id (ep_ and 22 characters)')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'ep_2r0bC0d3xq9lVb8s1hZk4A' }),
});

export const createWebhook = createRoute({
  method: 'post',
  operationId: 'createWebhook',
  path: '/{tenantId}/webhooks',
  tags,
  summary: 'Register a webhook endpoint',
  description:
    "Each event of the tenant's feed whose type is listed, appended from now on, is POSTed to the URL (Standard Webhooks: headers " +
    '`webhook-id`, `webhook-timestamp`, `webhook-signature`; body = the event), until a 2xx answer comes within ' +
    '`WEBHOOK_TIMEOUT_MS`, on the retry schedule. The answer carries the signing secret, shown only this once. At most 50 ' +
    'endpoints per tenant. Needs MongoDB (endpoints are tenant configuration, durable there).',
  request: { params: TenantParamSchema, ...jsonBody(CreateWebhookSchema, 'The endpoint.') },
  responses: {
    201: jsonResponse(CreatedWebhookEndpointSchema, 'The endpoint, with its secret.'),
    ...conflictResponse,
    ...bodyErrorResponses,
    ...commonErrorResponses,
  },
});

export const listWebhooks = createRoute({
  method: 'get',
  operationId: 'listWebhooks',
  path: '/{tenantId}/webhooks',
  tags,
  summary: "The tenant's webhook endpoints",
  description: 'Oldest first; never the secrets.',
  request: { params: TenantParamSchema },
  responses: {
    200: jsonResponse(z.object({ webhooks: z.array(WebhookEndpointSchema) }).openapi('WebhookEndpointList'), 'The endpoints.'),
    ...commonErrorResponses,
  },
});

export const getWebhook = createRoute({
  method: 'get',
  operationId: 'getWebhook',
  path: '/{tenantId}/webhooks/{id}',
  tags,
  summary: 'A webhook endpoint',
  request: { params: EndpointParamSchema },
  responses: { 200: jsonResponse(WebhookEndpointSchema, 'The endpoint.'), ...notFoundResponse, ...commonErrorResponses },
});

export const updateWebhook = createRoute({
  method: 'patch',
  operationId: 'updateWebhook',
  path: '/{tenantId}/webhooks/{id}',
  tags,
  summary: 'Pause, resume or change a webhook endpoint',
  description:
    'Only the fields given change. `status: "paused"` holds its deliveries (new events still queue up for it); `"active"` resumes ' +
    'them, and re-enables an endpoint disabled for failing.',
  request: { params: EndpointParamSchema, ...jsonBody(UpdateWebhookSchema, 'The fields to change.') },
  responses: {
    200: jsonResponse(WebhookEndpointSchema, 'The endpoint as it now is.'),
    ...notFoundResponse,
    ...bodyErrorResponses,
    ...commonErrorResponses,
  },
});

export const deleteWebhook = createRoute({
  method: 'delete',
  operationId: 'deleteWebhook',
  path: '/{tenantId}/webhooks/{id}',
  tags,
  summary: 'Delete a webhook endpoint',
  description: 'With its deliveries: those still pending are not sent.',
  request: { params: EndpointParamSchema },
  responses: { 204: { description: 'Deleted.' }, ...notFoundResponse, ...bodyErrorResponses, ...commonErrorResponses },
});
