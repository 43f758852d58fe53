import { defaultExpiry } from '../../domain/tenant-config.js';
import type { Handler } from 'hono';
import { DomainError, NotFound } from '../../domain/errors.js';
import { acceptOrder } from '../../domain/order.js';
import { type ReplaceDeps, replaceTenantOrders } from '../../domain/replace-orders.js';
import type { AppEnv, AppServices } from '../env.js';
import { errorResponse, validationRefusal } from '../errors.js';
import { IdempotencyHeaderSchema, idempotencyKeyUse, runIdempotent } from '../idempotency.js';
import type { AppRouteHandler } from '../types.js';
import type { ValidOrderList } from './order-list-body.js';
import type * as routes from './orders.routes.js';

/** What the order routes (the replace of a whole set among them) use of the services. */
export type OrderServices = Pick<AppServices, 'orders' | 'clock' | 'tenantConfigs' | 'orderListParser'> & ReplaceDeps;

export const upsertOrder =
  (services: OrderServices): AppRouteHandler<typeof routes.upsertOrder> =>
  async (c) => {
    const params = c.req.valid('param');
    const order = acceptOrder(c.req.valid('json'), params.tenantId);
    const headers = c.req.valid('header');
    const policy = headers['reservation-policy'];
    // The policy is part of the request a retry must repeat (left out when absent, as before it existed).
    const use = idempotencyKeyUse(c, headers['idempotency-key'], { params: policy ? { ...params, policy } : params, body: order });
    const { orders, clock, tenantConfigs } = services;
    const now = clock();
    if (order.expiresAt === undefined) {
      const expiresAt = defaultExpiry(await tenantConfigs.get(params.tenantId), order.type, now);
      if (expiresAt !== undefined) order.expiresAt = expiresAt;
    }
    return c.json((await runIdempotent(c, use, () => orders.upsertOrder(order, now, use, policy))) === 'created', 200);
  };

export const replaceOrders =
  (services: OrderServices): Handler<AppEnv, string, ValidOrderList> =>
  async (c) => {
    const params = c.req.valid('param');
    const { tenantId } = params;
    const header = IdempotencyHeaderSchema.safeParse({ 'idempotency-key': c.req.header('Idempotency-Key') });
    if (!header.success) return validationRefusal(c, header.error);
    const orders = c.req.valid('json');
    const use = idempotencyKeyUse(c, header.data['idempotency-key'], { params, body: orders });
    return c.json(await runIdempotent(c, use, () => replaceTenantOrders(services, tenantId, orders, use)), 200);
  };

export const deleteOrder =
  (services: OrderServices): AppRouteHandler<typeof routes.deleteOrder> =>
  async (c) => {
    const params = c.req.valid('param');
    const { tenantId, orderId } = params;
    const use = idempotencyKeyUse(c, c.req.valid('header')['idempotency-key'], { params, body: null });
    const { orders, clock } = services;
    return c.json(await runIdempotent(c, use, () => orders.deleteOrder(tenantId, orderId, clock(), use)), 200);
  };

export const deleteOrderLinesAtOrigin =
  (services: OrderServices): AppRouteHandler<typeof routes.deleteOrderLinesAtOrigin> =>
  async (c) => {
    const params = c.req.valid('param');
    const { tenantId, orderId, code } = params;
    const use = idempotencyKeyUse(c, c.req.valid('header')['idempotency-key'], { params, body: null });
    const { orders, clock } = services;
    return c.json(await runIdempotent(c, use, () => orders.deleteOrderLinesAtOrigin(tenantId, orderId, code, clock(), use)), 200);
  };

export const getOrder =
  (services: OrderServices): AppRouteHandler<typeof routes.getOrder> =>
  async (c) => {
    const { tenantId, orderId } = c.req.valid('param');
    const { orders, clock } = services;
    const json = await orders.getOrderJson(tenantId, orderId, clock());
    if (json === null) return errorResponse(c, 'NOT_FOUND', new NotFound(`order ${orderId}`).message) as never;
    // The stored JSON is served as is: no parse, no re-serialisation on the hottest read.
    return c.body(json, 200, { 'Content-Type': 'application/json' }) as never;
  };

export const holdOrder =
  (services: OrderServices): AppRouteHandler<typeof routes.holdOrder> =>
  async (c) => {
    const params = c.req.valid('param');
    const { expiresAt } = c.req.valid('json');
    const { orders, clock } = services;
    const now = clock();
    if (Date.parse(expiresAt) <= now) {
      throw new DomainError('VALIDATION_FAILED', 'expiresAt: must be in the future', [
        { path: 'expiresAt', message: 'must be in the future' },
      ]);
    }
    const use = idempotencyKeyUse(c, c.req.valid('header')['idempotency-key'], { params, body: { expiresAt } });
    return c.json(await runIdempotent(c, use, () => orders.holdOrder(params.tenantId, params.orderId, expiresAt, now, use)), 200);
  };
