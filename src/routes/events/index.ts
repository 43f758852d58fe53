import type { AppOpenAPI } from '../types.js';
import * as handlers from './events.handlers.js';
import * as routes from './events.routes.js';

export function registerEventRoutes(app: AppOpenAPI) {
  app.openapi(routes.listEvents, handlers.listEvents).openapi(routes.streamEvents, handlers.streamEvents);
}
