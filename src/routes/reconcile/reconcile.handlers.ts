import type { AppRouteHandler } from '../types.js';
import type * as routes from './reconcile.routes.js';

export const reconcileNow: AppRouteHandler<typeof routes.reconcileNow> = async (c) => {
  const body = c.req.valid('json') ?? {};
  const report = await c.get('services').reconciler.run({
    trigger: 'admin',
    tenantIds: body.tenantId === undefined ? undefined : [body.tenantId],
    dryRun: body.dryRun,
  });
  return c.json(report, 200);
};
