import type { AppOpenAPI } from '../types.js';
import * as handlers from './stock.handlers.js';
import * as routes from './stock.routes.js';

export function registerStockRoutes(app: AppOpenAPI, services: handlers.StockServices) {
  app
    .openapi(routes.putStock, handlers.putStock(services))
    .openapi(routes.listStock, handlers.listStock(services))
    .openapi(routes.getPairStock, handlers.getPairStock(services))
    .openapi(routes.deletePairStock, handlers.deletePairStock(services));
}
