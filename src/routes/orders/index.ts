import type { AppOpenAPI } from '../types.js';
import { acceptDeleteLinesAtOrigin, acceptDeleteOrder, acceptOrderParams, acceptUpsert, fastPath } from './hot-path.js';
import { orderListBody, tenantParam } from './order-list-body.js';
import * as handlers from './orders.handlers.js';
import * as routes from './orders.routes.js';

export function registerOrderRoutes(app: AppOpenAPI) {
  // The hot routes take the fast path (hot-path.ts) when their accept-only checks take the request.
  app.openapi({ ...routes.upsertOrder, middleware: fastPath(acceptUpsert, handlers.upsertOrder) }, handlers.upsertOrder);
  // Documented as declared, validated by its own validators: a large body is read by the
  // order-list worker, never by the validator @hono/zod-openapi would mount.
  app.openAPIRegistry.registerPath(routes.replaceOrders);
  app.put(routes.replaceOrders.getRoutingPath(), tenantParam, orderListBody, handlers.replaceOrders);
  app
    .openapi(
      { ...routes.deleteOrderLinesAtOrigin, middleware: fastPath(acceptDeleteLinesAtOrigin, handlers.deleteOrderLinesAtOrigin) },
      handlers.deleteOrderLinesAtOrigin,
    )
    .openapi({ ...routes.deleteOrder, middleware: fastPath(acceptDeleteOrder, handlers.deleteOrder) }, handlers.deleteOrder)
    .openapi({ ...routes.getOrder, middleware: fastPath(acceptOrderParams, handlers.getOrder) }, handlers.getOrder)
    .openapi(routes.holdOrder, handlers.holdOrder);
}
