import type { AppServices } from '../env.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './reconcile.routes.js';

/** What POST /admin/reconcile use of the services. */
export type ReconcileServices = Pick<AppServices, 'reconciler'>;

export const reconcileNow =
  (services: ReconcileServices): AppRouteHandler<typeof routes.reconcileNow> =>
  async (c) => {
    const body = c.req.valid('json') ?? {};
    const report = await services.reconciler.run({
      trigger: 'admin',
      tenantIds: body.tenantId === undefined ? undefined : [body.tenantId],
      dryRun: body.dryRun,
    });
    return c.json(report, 200);
  };
