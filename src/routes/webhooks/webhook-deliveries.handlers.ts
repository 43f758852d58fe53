import type { z } from '@hono/zod-openapi';
import { eventBody } from '../../domain/events.js';
import * as deliveries from '../../domain/webhook-deliveries.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './webhook-deliveries.routes.js';
import type { WebhookServices } from './webhooks.handlers.js';

export const listDeliveries =
  (services: WebhookServices): AppRouteHandler<typeof routes.listDeliveries> =>
  async (c) => {
    const { tenantId, id } = c.req.valid('param');
    return c.json(await deliveries.listDeliveries(services.webhooks, tenantId, id, c.req.valid('query')), 200);
  };

export const getDelivery =
  (services: WebhookServices): AppRouteHandler<typeof routes.getDelivery> =>
  async (c) => {
    const { tenantId, id, deliveryId } = c.req.valid('param');
    const { data, ...delivery } = await deliveries.getDelivery(services.webhooks, tenantId, id, deliveryId);
    const event =
      data === null
        ? null
        : (JSON.parse(eventBody(tenantId, { id: deliveryId, type: delivery.eventType, data })) as z.infer<
            typeof routes.DeliveryDetailSchema
          >['event']);
    return c.json({ ...delivery, event } as z.infer<typeof routes.DeliveryDetailSchema>, 200);
  };

export const retryDelivery =
  (services: WebhookServices): AppRouteHandler<typeof routes.retryDelivery> =>
  async (c) => {
    const { tenantId, id, deliveryId } = c.req.valid('param');
    const { webhooks } = services;
    const delivery = await deliveries.retryDelivery(webhooks, tenantId, id, deliveryId);
    webhooks.dispatcher.kick(tenantId);
    return c.json(delivery as z.infer<typeof routes.DeliverySchema>, 202);
  };

export const getWebhookStats =
  (services: WebhookServices): AppRouteHandler<typeof routes.getWebhookStats> =>
  async (c) => {
    const { tenantId, id } = c.req.valid('param');
    return c.json(await deliveries.getEndpointStats(services.webhooks, tenantId, id), 200);
  };

export const testWebhook =
  (services: WebhookServices): AppRouteHandler<typeof routes.testWebhook> =>
  async (c) => {
    const { tenantId, id } = c.req.valid('param');
    return c.json(await deliveries.sendTestEvent(services.webhooks, tenantId, id), 200);
  };

export const retryFailedDeliveries =
  (services: WebhookServices): AppRouteHandler<typeof routes.retryFailedDeliveries> =>
  async (c) => {
    const { tenantId, id } = c.req.valid('param');
    const { webhooks } = services;
    const retried = await deliveries.retryFailedDeliveries(webhooks, tenantId, id);
    if (retried > 0) webhooks.dispatcher.kick(tenantId);
    return c.json({ retried }, 202);
  };
