import type { AppServices } from '../env.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './metrics.routes.js';

/** What GET /metrics use of the services. */
export type MetricsServices = Pick<AppServices, 'metrics'>;

export const getMetrics =
  (services: MetricsServices): AppRouteHandler<typeof routes.getMetrics> =>
  async (c) => {
    const { metrics } = services;
    return c.text(await metrics.render(), 200, { 'Content-Type': metrics.contentType });
  };
