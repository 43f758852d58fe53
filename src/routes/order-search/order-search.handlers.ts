import type { AppServices } from '../env.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './order-search.routes.js';

/** What the order searches use of the services. */
export type OrderSearchServices = Pick<AppServices, 'orders' | 'clock'>;

export const listOrders =
  (services: OrderSearchServices): AppRouteHandler<typeof routes.listOrders> =>
  async (c) => {
    const { tenantId } = c.req.valid('param');
    const { limit, cursor, ...filter } = c.req.valid('query');
    const { orders, clock } = services;
    return c.json(await orders.listOrders(tenantId, filter, limit, cursor ?? null, clock()), 200);
  };

export const listStockOriginOrders =
  (services: OrderSearchServices): AppRouteHandler<typeof routes.listStockOriginOrders> =>
  async (c) => {
    const { tenantId, code } = c.req.valid('param');
    const { limit, cursor, linesAt, ...filter } = c.req.valid('query');
    const { orders, clock } = services;
    const page = await orders.listOrders(tenantId, { ...filter, code }, limit, cursor ?? null, clock());
    if (linesAt === 'only') for (const order of page.orders) order.lines = order.lines.filter((line) => line.code === code);
    return c.json(page, 200);
  };
