import type { AppOpenAPI } from '../types.js';
import * as handlers from './stock.handlers.js';
import * as routes from './stock.routes.js';

export function registerStockRoutes(app: AppOpenAPI) {
  app
    .openapi(routes.putStock, handlers.putStock)
    .openapi(routes.listStock, handlers.listStock)
    .openapi(routes.getPairStock, handlers.getPairStock)
    .openapi(routes.deletePairStock, handlers.deletePairStock);
}
