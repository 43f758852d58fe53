import type { AppOpenAPI } from '../types.js';
import * as handlers from './api-keys.handlers.js';
import * as routes from './api-keys.routes.js';

export function registerApiKeyRoutes(app: AppOpenAPI) {
  app
    .openapi(routes.createApiKey, handlers.createApiKey)
    .openapi(routes.listApiKeys, handlers.listApiKeys)
    .openapi(routes.revokeApiKey, handlers.revokeApiKey);
}
