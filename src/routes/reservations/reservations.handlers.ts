import type { AppRouteHandler } from '../types.js';
import type * as routes from './reservations.routes.js';

export const getStockOrigin: AppRouteHandler<typeof routes.getStockOrigin> = async (c) => {
  const { tenantId, code } = c.req.valid('param');
  const { reservations, clock } = c.get('services');
  return c.json(await reservations.getStockOrigin(tenantId, code, clock()), 200);
};

export const listStockOrigins: AppRouteHandler<typeof routes.listStockOrigins> = async (c) => {
  const { tenantId } = c.req.valid('param');
  const { limit } = c.req.valid('query');
  const { reservations, clock } = c.get('services');
  return c.json(await reservations.listStockOrigins(tenantId, clock(), limit), 200);
};

export const getArticle: AppRouteHandler<typeof routes.getArticle> = async (c) => {
  const { tenantId, artGuid } = c.req.valid('param');
  const { reservations, clock } = c.get('services');
  return c.json(await reservations.getArticle(tenantId, artGuid, clock()), 200);
};
