import { type ShipmentDeps, shipOrderLines as ship } from '../../domain/shipments.js';
import { idempotencyKeyUse, runIdempotent } from '../idempotency.js';
import type { AppServices } from '../env.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './shipments.routes.js';

/** What POST /{tenantId}/shipments use of the services. */
export type ShipmentServices = Pick<AppServices, 'clock'> & ShipmentDeps;

export const shipOrderLines =
  (services: ShipmentServices): AppRouteHandler<typeof routes.shipOrderLines> =>
  async (c) => {
    const params = c.req.valid('param');
    const { tenantId } = params;
    const items = c.req.valid('json');
    const use = idempotencyKeyUse(c, c.req.valid('header')['idempotency-key'], { params, body: items });
    return c.json(await runIdempotent(c, use, () => ship(services, tenantId, items, services.clock(), use)), 200);
  };
