import type { AppOpenAPI } from '../types.js';
import * as handlers from './shipments.handlers.js';
import * as routes from './shipments.routes.js';

export function registerShipmentRoutes(app: AppOpenAPI) {
  app.openapi(routes.shipOrderLines, handlers.shipOrderLines);
}
