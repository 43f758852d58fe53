import type { AppRouteHandler } from '../types.js';
import type * as routes from './metrics.routes.js';

export const getMetrics: AppRouteHandler<typeof routes.getMetrics> = async (c) => {
  const { metrics } = c.get('services');
  return c.text(await metrics.render(), 200, { 'Content-Type': metrics.contentType });
};
