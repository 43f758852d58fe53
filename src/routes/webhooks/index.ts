import type { AppOpenAPI } from '../types.js';
import * as deliveryHandlers from './webhook-deliveries.handlers.js';
import * as deliveryRoutes from './webhook-deliveries.routes.js';
import * as handlers from './webhooks.handlers.js';
import * as routes from './webhooks.routes.js';

/** A tenant's webhook endpoints (webhooks.*.ts), then their deliveries (webhook-deliveries.*.ts). */
export function registerWebhookRoutes(app: AppOpenAPI, services: handlers.WebhookServices) {
  app
    .openapi(routes.createWebhook, handlers.createWebhook(services))
    .openapi(routes.listWebhooks, handlers.listWebhooks(services))
    .openapi(routes.getWebhook, handlers.getWebhook(services))
    .openapi(routes.updateWebhook, handlers.updateWebhook(services))
    .openapi(routes.deleteWebhook, handlers.deleteWebhook(services))
    .openapi(deliveryRoutes.listDeliveries, deliveryHandlers.listDeliveries(services))
    .openapi(deliveryRoutes.getDelivery, deliveryHandlers.getDelivery(services))
    .openapi(deliveryRoutes.retryDelivery, deliveryHandlers.retryDelivery(services))
    .openapi(deliveryRoutes.getWebhookStats, deliveryHandlers.getWebhookStats(services))
    .openapi(deliveryRoutes.testWebhook, deliveryHandlers.testWebhook(services))
    .openapi(deliveryRoutes.retryFailedDeliveries, deliveryHandlers.retryFailedDeliveries(services));
}
