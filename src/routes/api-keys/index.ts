import type { AppOpenAPI } from '../types.js';
import * as handlers from './api-keys.handlers.js';
import * as routes from './api-keys.routes.js';

export function registerApiKeyRoutes(app: AppOpenAPI, services: handlers.ApiKeyServices) {
  app
    .openapi(routes.createApiKey, handlers.createApiKey(services))
    .openapi(routes.listApiKeys, handlers.listApiKeys(services))
    .openapi(routes.revokeApiKey, handlers.revokeApiKey(services));
}
