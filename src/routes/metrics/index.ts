import type { AppOpenAPI } from '../types.js';
import * as handlers from './metrics.handlers.js';
import * as routes from './metrics.routes.js';

export function registerMetricsRoutes(app: AppOpenAPI, services: handlers.MetricsServices) {
  app.openapi(routes.getMetrics, handlers.getMetrics(services));
}
