import type { AppOpenAPI } from '../types.js';
import * as handlers from './reservations.handlers.js';
import * as routes from './reservations.routes.js';

export function registerReservationRoutes(app: AppOpenAPI, services: handlers.ReservationServices) {
  app
    .openapi(routes.listStockOrigins, handlers.listStockOrigins(services))
    .openapi(routes.getCapacity, handlers.getCapacity(services))
    .openapi(routes.putCapacity, handlers.putCapacity(services))
    .openapi(routes.deleteCapacity, handlers.deleteCapacity(services))
    .openapi(routes.getStockOrigin, handlers.getStockOrigin(services))
    .openapi(routes.getArticle, handlers.getArticle(services))
    .openapi(routes.queryReservations, handlers.queryReservations(services))
    .openapi(routes.simulateReservations, handlers.simulateReservations(services))
    .openapi(routes.getSummary, handlers.getSummary(services));
}
