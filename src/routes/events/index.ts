import type { AppOpenAPI } from '../types.js';
import * as handlers from './events.handlers.js';
import * as routes from './events.routes.js';

export function registerEventRoutes(app: AppOpenAPI, services: handlers.EventServices) {
  app.openapi(routes.listEvents, handlers.listEvents(services)).openapi(routes.streamEvents, handlers.streamEvents(services));
}
