import type { AppOpenAPI } from '../types.js';
import * as handlers from './reservations.handlers.js';
import * as routes from './reservations.routes.js';

export function registerReservationRoutes(app: AppOpenAPI) {
  app
    .openapi(routes.listStockOrigins, handlers.listStockOrigins)
    .openapi(routes.getStockOrigin, handlers.getStockOrigin)
    .openapi(routes.getArticle, handlers.getArticle);
}
