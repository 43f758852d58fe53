import * as handlers from './orders.handlers.js';
import * as routes from './orders.routes.js';
import type { AppOpenAPI } from '../types.js';

export function registerOrderRoutes(app: AppOpenAPI) {
  // Before the route it answers for: large bodies never reach the route's validator.
  app.on('PUT', '/:tenantId/orders', handlers.replaceLargeOrderList);
  app
    .openapi(routes.upsertOrder, handlers.upsertOrder)
    .openapi(routes.replaceOrders, handlers.replaceOrders)
    .openapi(routes.deleteOrderLinesAtOrigin, handlers.deleteOrderLinesAtOrigin)
    .openapi(routes.deleteOrder, handlers.deleteOrder)
    .openapi(routes.getOrder, handlers.getOrder);
}
