import type { AppOpenAPI } from '../types.js';
import * as handlers from './tenant-config.handlers.js';
import * as routes from './tenant-config.routes.js';

export function registerTenantConfigRoutes(app: AppOpenAPI, services: handlers.TenantConfigServices) {
  app
    .openapi(routes.getTenantConfig, handlers.getTenantConfig(services))
    .openapi(routes.putTenantConfig, handlers.putTenantConfig(services));
}
