import type { AppRouteHandler } from '../types.js';
import type * as routes from './order-search.routes.js';

export const listOrders: AppRouteHandler<typeof routes.listOrders> = async (c) => {
  const { tenantId } = c.req.valid('param');
  const { limit, cursor, ...filter } = c.req.valid('query');
  const { orders, clock } = c.get('services');
  return c.json(await orders.listOrders(tenantId, filter, limit, cursor ?? null, clock()), 200);
};

export const listStockOriginOrders: AppRouteHandler<typeof routes.listStockOriginOrders> = async (c) => {
  const { tenantId, code } = c.req.valid('param');
  const { limit, cursor, linesAt, ...filter } = c.req.valid('query');
  const { orders, clock } = c.get('services');
  const page = await orders.listOrders(tenantId, { ...filter, code }, limit, cursor ?? null, clock());
  if (linesAt === 'only') for (const order of page.orders) order.lines = order.lines.filter((line) => line.code === code);
  return c.json(page, 200);
};
