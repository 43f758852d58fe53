import type { AppOpenAPI } from '../types.js';
import { orderListBody, tenantParam } from './order-list-body.js';
import * as handlers from './orders.handlers.js';
import * as routes from './orders.routes.js';

export function registerOrderRoutes(app: AppOpenAPI) {
  app.openapi(routes.upsertOrder, handlers.upsertOrder);
  // Documented as declared, validated by its own validators: a large body is read by the
  // order-list worker, never by the validator @hono/zod-openapi would mount.
  app.openAPIRegistry.registerPath(routes.replaceOrders);
  app.put(routes.replaceOrders.getRoutingPath(), tenantParam, orderListBody, handlers.replaceOrders);
  app
    .openapi(routes.deleteOrderLinesAtOrigin, handlers.deleteOrderLinesAtOrigin)
    .openapi(routes.deleteOrder, handlers.deleteOrder)
    .openapi(routes.getOrder, handlers.getOrder);
}
