import { idempotencyKeyUse, runIdempotent } from '../idempotency.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './shipments.routes.js';

export const shipOrderLines: AppRouteHandler<typeof routes.shipOrderLines> = async (c) => {
  const params = c.req.valid('param');
  const { tenantId } = params;
  const items = c.req.valid('json');
  const use = idempotencyKeyUse(c, c.req.valid('header')['idempotency-key'], { params, body: items });
  const { orders, clock } = c.get('services');
  return c.json(await runIdempotent(c, use, () => orders.shipOrderLines(tenantId, items, clock(), use)), 200);
};
