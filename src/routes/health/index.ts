import type { AppOpenAPI } from '../types.js';
import * as handlers from './health.handlers.js';
import * as routes from './health.routes.js';

export function registerHealthRoutes(app: AppOpenAPI, services: handlers.HealthServices) {
  app.openapi(routes.health, handlers.health).openapi(routes.ready, handlers.ready(services));
}
