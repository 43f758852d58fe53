import type { AppOpenAPI } from '../types.js';
import * as handlers from './sync.handlers.js';
import * as routes from './sync.routes.js';

export function registerSyncRoutes(app: AppOpenAPI, services: handlers.SyncServices) {
  app
    .openapi(routes.runSyncNow, handlers.runSyncNow(services))
    .openapi(routes.listSyncRuns, handlers.listSyncRuns(services))
    .openapi(routes.restoreNow, handlers.restoreNow(services))
    .openapi(routes.getTenantSync, handlers.getTenantSync(services));
}
