import type { AppRouteHandler } from '../types.js';
import type * as routes from './reservations.routes.js';

export const getStockOrigin: AppRouteHandler<typeof routes.getStockOrigin> = async (c) => {
  const { tenantId, code } = c.req.valid('param');
  const { store, clock } = c.get('services');
  return c.json(await store.getStockOrigin(tenantId, code, clock()), 200);
};

export const listStockOrigins: AppRouteHandler<typeof routes.listStockOrigins> = async (c) => {
  const { tenantId } = c.req.valid('param');
  const { limit } = c.req.valid('query');
  const { store, clock } = c.get('services');
  return c.json(await store.listStockOrigins(tenantId, clock(), limit), 200);
};

export const getArticle: AppRouteHandler<typeof routes.getArticle> = async (c) => {
  const { tenantId, artGuid } = c.req.valid('param');
  const { store, clock } = c.get('services');
  return c.json(await store.getArticle(tenantId, artGuid, clock()), 200);
};
