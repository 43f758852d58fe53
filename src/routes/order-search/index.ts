import type { AppOpenAPI } from '../types.js';
import * as handlers from './order-search.handlers.js';
import * as routes from './order-search.routes.js';

export function registerOrderSearchRoutes(app: AppOpenAPI, services: handlers.OrderSearchServices) {
  app
    .openapi(routes.listOrders, handlers.listOrders(services))
    .openapi(routes.listStockOriginOrders, handlers.listStockOriginOrders(services));
}
