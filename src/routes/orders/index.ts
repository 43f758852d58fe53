import { openapiFast } from '../fast-validation.js';
import type { AppOpenAPI } from '../types.js';
import { orderListBody, tenantParam } from './order-list-body.js';
import * as handlers from './orders.handlers.js';
import * as routes from './orders.routes.js';

/** Routes whose bodies may be larger than the others' (REPLACE_BODY_LIMIT_BYTES; app.ts). */
export const LARGE_BODY_ROUTES = [routes.replaceOrders];

/**
 * The contract's hot routes are mounted by openapiFast: validated by their schemas through
 * parsers compiled from them, refused by the library's own validators (fast-validation.ts).
 */
export function registerOrderRoutes(app: AppOpenAPI, services: handlers.OrderServices) {
  openapiFast(app, routes.upsertOrder, handlers.upsertOrder(services));
  // Documented as declared, validated by its own validators: a large body is read by the
  // order-list worker, never by the validator @hono/zod-openapi would mount.
  app.openAPIRegistry.registerPath(routes.replaceOrders);
  app.put(routes.replaceOrders.getRoutingPath(), tenantParam, orderListBody(services.orderListParser), handlers.replaceOrders(services));
  openapiFast(app, routes.deleteOrderLinesAtOrigin, handlers.deleteOrderLinesAtOrigin(services));
  openapiFast(app, routes.deleteOrder, handlers.deleteOrder(services));
  openapiFast(app, routes.getOrder, handlers.getOrder(services));
  app.openapi(routes.holdOrder, handlers.holdOrder(services));
}
