import type { AppRouteHandler } from '../types.js';
import type * as routes from './health.routes.js';

export const health: AppRouteHandler<typeof routes.health> = (c) => c.json({ status: 'ok' as const }, 200);

export const ready: AppRouteHandler<typeof routes.ready> = async (c) => {
  const services = c.get('services');
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
