import * as endpoints from '../../domain/webhook-endpoints.js';
import type { AppServices } from '../env.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './webhooks.routes.js';

/** What the webhook routes use of the services. */
export type WebhookServices = Pick<AppServices, 'webhooks'>;

export const createWebhook =
  (services: WebhookServices): AppRouteHandler<typeof routes.createWebhook> =>
  async (c) => {
    const { tenantId } = c.req.valid('param');
    const { webhooks } = services;
    const { endpoint, secret } = await endpoints.createEndpoint(webhooks, tenantId, c.req.valid('json'));
    // This replica's dispatcher reads its list of tenants again now (the others within seconds).
    webhooks.dispatcher.kick();
    return c.json({ ...endpoint, secret }, 201);
  };

export const listWebhooks =
  (services: WebhookServices): AppRouteHandler<typeof routes.listWebhooks> =>
  async (c) => {
    const { tenantId } = c.req.valid('param');
    return c.json({ webhooks: await endpoints.listEndpoints(services.webhooks, tenantId) }, 200);
  };

export const getWebhook =
  (services: WebhookServices): AppRouteHandler<typeof routes.getWebhook> =>
  async (c) => {
    const { tenantId, id } = c.req.valid('param');
    return c.json(await endpoints.getEndpoint(services.webhooks, tenantId, id), 200);
  };

export const updateWebhook =
  (services: WebhookServices): AppRouteHandler<typeof routes.updateWebhook> =>
  async (c) => {
    const { tenantId, id } = c.req.valid('param');
    const { webhooks } = services;
    const endpoint = await endpoints.updateEndpoint(webhooks, tenantId, id, c.req.valid('json'));
    webhooks.dispatcher.kick(tenantId);
    return c.json(endpoint, 200);
  };

export const deleteWebhook =
  (services: WebhookServices): AppRouteHandler<typeof routes.deleteWebhook> =>
  async (c) => {
    const { tenantId, id } = c.req.valid('param');
    await endpoints.deleteEndpoint(services.webhooks, tenantId, id);
    return c.body(null, 204);
  };
