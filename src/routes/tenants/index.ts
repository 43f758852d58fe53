import type { AppOpenAPI } from '../types.js';
import * as handlers from './tenants.handlers.js';
import * as routes from './tenants.routes.js';

export function registerTenantRoutes(app: AppOpenAPI, services: handlers.TenantServices) {
  app.openapi(routes.listTenants, handlers.listTenants(services));
}
