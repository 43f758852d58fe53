import type { AppOpenAPI } from '../types.js';
import * as handlers from './webhooks.handlers.js';
import * as routes from './webhooks.routes.js';

export function registerWebhookRoutes(app: AppOpenAPI) {
  app
    .openapi(routes.createWebhook, handlers.createWebhook)
    .openapi(routes.listWebhooks, handlers.listWebhooks)
    .openapi(routes.getWebhook, handlers.getWebhook)
    .openapi(routes.updateWebhook, handlers.updateWebhook)
    .openapi(routes.deleteWebhook, handlers.deleteWebhook)
    .openapi(routes.listDeliveries, handlers.listDeliveries)
    .openapi(routes.getDelivery, handlers.getDelivery)
    .openapi(routes.retryDelivery, handlers.retryDelivery)
    .openapi(routes.getWebhookStats, handlers.getWebhookStats)
    .openapi(routes.testWebhook, handlers.testWebhook)
    .openapi(routes.retryFailedDeliveries, handlers.retryFailedDeliveries);
}
