import type { AppOpenAPI } from '../types.js';
import * as handlers from './shipments.handlers.js';
import * as routes from './shipments.routes.js';

export function registerShipmentRoutes(app: AppOpenAPI, services: handlers.ShipmentServices) {
  app.openapi(routes.shipOrderLines, handlers.shipOrderLines(services));
}
