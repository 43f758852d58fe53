import type { AppOpenAPI } from '../types.js';
import * as handlers from './reconcile.handlers.js';
import * as routes from './reconcile.routes.js';

export function registerReconcileRoutes(app: AppOpenAPI, services: handlers.ReconcileServices) {
  app.openapi(routes.reconcileNow, handlers.reconcileNow(services));
}
