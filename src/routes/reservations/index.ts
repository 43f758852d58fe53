import type { AppOpenAPI } from '../types.js';
import * as handlers from './reservations.handlers.js';
import * as routes from './reservations.routes.js';

export function registerReservationRoutes(app: AppOpenAPI) {
  app
    .openapi(routes.listStockOrigins, handlers.listStockOrigins)
    .openapi(routes.getCapacity, handlers.getCapacity)
    .openapi(routes.putCapacity, handlers.putCapacity)
    .openapi(routes.deleteCapacity, handlers.deleteCapacity)
    .openapi(routes.getStockOrigin, handlers.getStockOrigin)
    .openapi(routes.getArticle, handlers.getArticle)
    .openapi(routes.queryReservations, handlers.queryReservations)
    .openapi(routes.simulateReservations, handlers.simulateReservations)
    .openapi(routes.getSummary, handlers.getSummary);
}
