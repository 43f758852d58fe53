import { setStockLevels, untrackPair } from '../../domain/stock-levels.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './stock.routes.js';

export const putStock: AppRouteHandler<typeof routes.putStock> = async (c) => {
  const { tenantId } = c.req.valid('param');
  return c.json(await setStockLevels(c.get('services'), tenantId, c.req.valid('json')), 200);
};

export const getPairStock: AppRouteHandler<typeof routes.getPairStock> = async (c) => {
  const { tenantId, code, artGuid } = c.req.valid('param');
  const { stock, clock } = c.get('services');
  return c.json(await stock.getPair(tenantId, code, artGuid, clock()), 200);
};

export const deletePairStock: AppRouteHandler<typeof routes.deletePairStock> = async (c) => {
  const { tenantId, code, artGuid } = c.req.valid('param');
  return c.json(await untrackPair(c.get('services'), tenantId, code, artGuid), 200);
};
