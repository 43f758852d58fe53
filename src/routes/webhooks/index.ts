import type { AppOpenAPI } from '../types.js';
import * as handlers from './webhooks.handlers.js';
import * as routes from './webhooks.routes.js';

export function registerWebhookRoutes(app: AppOpenAPI, services: handlers.WebhookServices) {
  app
    .openapi(routes.createWebhook, handlers.createWebhook(services))
    .openapi(routes.listWebhooks, handlers.listWebhooks(services))
    .openapi(routes.getWebhook, handlers.getWebhook(services))
    .openapi(routes.updateWebhook, handlers.updateWebhook(services))
    .openapi(routes.deleteWebhook, handlers.deleteWebhook(services))
    .openapi(routes.listDeliveries, handlers.listDeliveries(services))
    .openapi(routes.getDelivery, handlers.getDelivery(services))
    .openapi(routes.retryDelivery, handlers.retryDelivery(services))
    .openapi(routes.getWebhookStats, handlers.getWebhookStats(services))
    .openapi(routes.testWebhook, handlers.testWebhook(services))
    .openapi(routes.retryFailedDeliveries, handlers.retryFailedDeliveries(services));
}
