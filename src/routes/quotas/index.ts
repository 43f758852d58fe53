import type { AppOpenAPI } from '../types.js';
import * as handlers from './quotas.handlers.js';
import * as routes from './quotas.routes.js';

export function registerQuotaRoutes(app: AppOpenAPI, services: handlers.QuotaServices) {
  app
    .openapi(routes.getTenantQuotas, handlers.getTenantQuotas(services))
    .openapi(routes.setTenantQuotas, handlers.setTenantQuotas(services));
}
