import { listStockPairs, setStockLevels, untrackPair } from '../../domain/stock-levels.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './stock.routes.js';

export const putStock: AppRouteHandler<typeof routes.putStock> = async (c) => {
  const { tenantId } = c.req.valid('param');
  return c.json(await setStockLevels(c.get('services'), tenantId, c.req.valid('json')), 200);
};

export const listStock: AppRouteHandler<typeof routes.listStock> = async (c) => {
  const { tenantId } = c.req.valid('param');
  const { cursor, limit, maxAvailable } = c.req.valid('query');
  const services = c.get('services');
  return c.json(await listStockPairs(services, tenantId, { cursor: cursor ?? null, limit, maxAvailable }, services.clock()), 200);
};

export const getPairStock: AppRouteHandler<typeof routes.getPairStock> = async (c) => {
  const { tenantId, code, artGuid } = c.req.valid('param');
  const { stock, clock } = c.get('services');
  return c.json(await stock.getPair(tenantId, code, artGuid, clock()), 200);
};

export const deletePairStock: AppRouteHandler<typeof routes.deletePairStock> = async (c) => {
  const { tenantId, code, artGuid } = c.req.valid('param');
  const services = c.get('services');
  return c.json(await untrackPair(services, tenantId, code, artGuid, services.clock()), 200);
};
