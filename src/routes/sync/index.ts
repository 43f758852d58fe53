import type { AppOpenAPI } from '../types.js';
import * as handlers from './sync.handlers.js';
import * as routes from './sync.routes.js';

export function registerSyncRoutes(app: AppOpenAPI) {
  app
    .openapi(routes.runSyncNow, handlers.runSyncNow)
    .openapi(routes.listSyncRuns, handlers.listSyncRuns)
    .openapi(routes.restoreNow, handlers.restoreNow)
    .openapi(routes.getTenantSync, handlers.getTenantSync);
}
