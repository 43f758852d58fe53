import type { AppOpenAPI } from '../types.js';
import * as handlers from './order-search.handlers.js';
import * as routes from './order-search.routes.js';

export function registerOrderSearchRoutes(app: AppOpenAPI) {
  app.openapi(routes.listOrders, handlers.listOrders).openapi(routes.listStockOriginOrders, handlers.listStockOriginOrders);
}
