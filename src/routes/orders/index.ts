import * as handlers from './orders.handlers.js';
import * as routes from './orders.routes.js';
import type { AppOpenAPI } from '../types.js';

export function registerOrderRoutes(app: AppOpenAPI) {
  app
    .openapi(routes.upsertOrder, handlers.upsertOrder)
    .openapi(routes.replaceOrders, handlers.replaceOrders)
    .openapi(routes.deleteOrderLinesAtOrigin, handlers.deleteOrderLinesAtOrigin)
    .openapi(routes.deleteOrder, handlers.deleteOrder)
    .openapi(routes.getOrder, handlers.getOrder);
}
