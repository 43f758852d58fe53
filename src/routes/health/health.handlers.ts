import type { AppServices } from '../env.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './health.routes.js';

/** What the probes use of the services. */
export type HealthServices = Pick<AppServices, 'health' | 'syncRunner'>;

export const health: AppRouteHandler<typeof routes.health> = (c) => c.json({ status: 'ok' as const }, 200);

export const ready =
  (services: HealthServices): AppRouteHandler<typeof routes.ready> =>
  async (c) => {
    const [redis, mongodb] = await Promise.all([services.health.redis(), services.health.mongodb()]);
    const last = services.syncRunner.lastRun;
    const body = {
      ready: redis === 'up',
      redis,
      mongodb,
      lastSync: last
        ? {
            ok: last.ok,
            finishedAt: last.finishedAt,
            failedTenants: last.tenants.filter((t) => t.status === 'failed').map((t) => t.tenantId),
          }
        : null,
    };
    return c.json(body, body.ready ? 200 : 503);
  };
