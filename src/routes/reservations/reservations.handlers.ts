import { simulatePlans } from '../../domain/simulate.js';
import { type CapacityDeps, removeOriginCapacity, setOriginCapacity } from '../../domain/capacities.js';
import type { AppServices } from '../env.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './reservations.routes.js';

/** What the reservation and capacity routes use of the services. */
export type ReservationServices = Pick<AppServices, 'reservations' | 'clock'> & CapacityDeps;

export const getStockOrigin =
  (services: ReservationServices): AppRouteHandler<typeof routes.getStockOrigin> =>
  async (c) => {
    const { tenantId, code } = c.req.valid('param');
    const { cursor, limit } = c.req.valid('query');
    const { reservations, clock } = services;
    return c.json(await reservations.getStockOrigin(tenantId, code, clock(), { cursor: cursor ?? null, limit }), 200);
  };

export const listStockOrigins =
  (services: ReservationServices): AppRouteHandler<typeof routes.listStockOrigins> =>
  async (c) => {
    const { tenantId } = c.req.valid('param');
    const { limit } = c.req.valid('query');
    const { reservations, clock } = services;
    return c.json(await reservations.listStockOrigins(tenantId, clock(), limit), 200);
  };

export const getArticle =
  (services: ReservationServices): AppRouteHandler<typeof routes.getArticle> =>
  async (c) => {
    const { tenantId, artGuid } = c.req.valid('param');
    const { reservations, clock } = services;
    return c.json(await reservations.getArticle(tenantId, artGuid, clock()), 200);
  };

export const queryReservations =
  (services: ReservationServices): AppRouteHandler<typeof routes.queryReservations> =>
  async (c) => {
    const { tenantId } = c.req.valid('param');
    const { artGuids, codes } = c.req.valid('json');
    const { reservations, clock } = services;
    return c.json({ articles: await reservations.queryReservations(tenantId, { artGuids, codes: codes ?? null }, clock()) }, 200);
  };

export const getSummary =
  (services: ReservationServices): AppRouteHandler<typeof routes.getSummary> =>
  async (c) => {
    const { tenantId } = c.req.valid('param');
    const { reservations, clock } = services;
    return c.json(await reservations.summary(tenantId, clock()), 200);
  };

export const getCapacity =
  (services: ReservationServices): AppRouteHandler<typeof routes.getCapacity> =>
  async (c) => {
    const { tenantId, code } = c.req.valid('param');
    return c.json(await services.capacities.getCapacity(tenantId, code), 200);
  };

export const putCapacity =
  (services: ReservationServices): AppRouteHandler<typeof routes.putCapacity> =>
  async (c) => {
    const { tenantId, code } = c.req.valid('param');
    return c.json(await setOriginCapacity(services, tenantId, code, c.req.valid('json')), 200);
  };

export const deleteCapacity =
  (services: ReservationServices): AppRouteHandler<typeof routes.deleteCapacity> =>
  async (c) => {
    const { tenantId, code } = c.req.valid('param');
    await removeOriginCapacity(services, tenantId, code);
    return c.json(null, 200);
  };

export const simulateReservations =
  (services: ReservationServices): AppRouteHandler<typeof routes.simulateReservations> =>
  async (c) => {
    const { tenantId } = c.req.valid('param');
    const { reservations, clock } = services;
    const now = clock();
    const plans = await simulatePlans((request) => reservations.planSnapshot(tenantId, request, now), c.req.valid('json').plans);
    return c.json({ plans }, 200);
  };
