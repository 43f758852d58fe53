import { listStockPairs, type StockDeps, setStockLevels, untrackPair } from '../../domain/stock-levels.js';
import type { AppServices } from '../env.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './stock.routes.js';

/** What the stock-level routes use of the services. */
export type StockServices = Pick<AppServices, 'clock'> & StockDeps;

export const putStock =
  (services: StockServices): AppRouteHandler<typeof routes.putStock> =>
  async (c) => {
    const { tenantId } = c.req.valid('param');
    return c.json(await setStockLevels(services, tenantId, c.req.valid('json')), 200);
  };

export const listStock =
  (services: StockServices): AppRouteHandler<typeof routes.listStock> =>
  async (c) => {
    const { tenantId } = c.req.valid('param');
    const { cursor, limit, maxAvailable } = c.req.valid('query');
    return c.json(await listStockPairs(services, tenantId, { cursor: cursor ?? null, limit, maxAvailable }, services.clock()), 200);
  };

export const getPairStock =
  (services: StockServices): AppRouteHandler<typeof routes.getPairStock> =>
  async (c) => {
    const { tenantId, code, artGuid } = c.req.valid('param');
    const { stock, clock } = services;
    return c.json(await stock.getPair(tenantId, code, artGuid, clock()), 200);
  };

export const deletePairStock =
  (services: StockServices): AppRouteHandler<typeof routes.deletePairStock> =>
  async (c) => {
    const { tenantId, code, artGuid } = c.req.valid('param');
    return c.json(await untrackPair(services, tenantId, code, artGuid, services.clock()), 200);
  };
