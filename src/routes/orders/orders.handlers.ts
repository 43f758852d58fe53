import { defaultExpiry } from '../../domain/tenant-config.js';
import type { Handler } from 'hono';
import { DomainError, NotFound } from '../../domain/errors.js';
import { acceptOrder } from '../../domain/order.js';
import { replaceTenantOrders } from '../../domain/replace-orders.js';
import type { AppEnv } from '../env.js';
import { errorResponse, validationRefusal } from '../errors.js';
import { IdempotencyHeaderSchema, idempotencyKeyUse, runIdempotent } from '../idempotency.js';
import type { AppRouteHandler } from '../types.js';
import type { ValidOrderList } from './order-list-body.js';
import type * as routes from './orders.routes.js';

export const upsertOrder: AppRouteHandler<typeof routes.upsertOrder> = async (c) => {
  const params = c.req.valid('param');
  const order = acceptOrder(c.req.valid('json'), params.tenantId);
  const headers = c.req.valid('header');
  const policy = headers['reservation-policy'];
  // The policy is part of the request a retry must repeat (left out when absent, as before it existed).
  const use = idempotencyKeyUse(c, headers['idempotency-key'], { params: policy ? { ...params, policy } : params, body: order });
  const { orders, clock, tenantConfigs } = c.get('services');
  const now = clock();
  if (order.expiresAt === undefined) {
    const expiresAt = defaultExpiry(await tenantConfigs.get(params.tenantId), order.type, now);
    if (expiresAt !== undefined) order.expiresAt = expiresAt;
  }
  return c.json((await runIdempotent(c, use, () => orders.upsertOrder(order, now, use, policy))) === 'created', 200);
};

export const replaceOrders: Handler<AppEnv, string, ValidOrderList> = async (c) => {
  const params = c.req.valid('param');
  const { tenantId } = params;
  const header = IdempotencyHeaderSchema.safeParse({ 'idempotency-key': c.req.header('Idempotency-Key') });
  if (!header.success) return validationRefusal(c, header.error);
  const orders = c.req.valid('json');
  const use = idempotencyKeyUse(c, header.data['idempotency-key'], { params, body: orders });
  return c.json(await runIdempotent(c, use, () => replaceTenantOrders(c.get('services'), tenantId, orders, use)), 200);
};

export const deleteOrder: AppRouteHandler<typeof routes.deleteOrder> = async (c) => {
  const params = c.req.valid('param');
  const { tenantId, orderId } = params;
  const use = idempotencyKeyUse(c, c.req.valid('header')['idempotency-key'], { params, body: null });
  const { orders, clock } = c.get('services');
  return c.json(await runIdempotent(c, use, () => orders.deleteOrder(tenantId, orderId, clock(), use)), 200);
};

export const deleteOrderLinesAtOrigin: AppRouteHandler<typeof routes.deleteOrderLinesAtOrigin> = async (c) => {
  const params = c.req.valid('param');
  const { tenantId, orderId, code } = params;
  const use = idempotencyKeyUse(c, c.req.valid('header')['idempotency-key'], { params, body: null });
  const { orders, clock } = c.get('services');
  return c.json(await runIdempotent(c, use, () => orders.deleteOrderLinesAtOrigin(tenantId, orderId, code, clock(), use)), 200);
};

export const getOrder: AppRouteHandler<typeof routes.getOrder> = async (c) => {
  const { tenantId, orderId } = c.req.valid('param');
  const { orders, clock } = c.get('services');
  const json = await orders.getOrderJson(tenantId, orderId, clock());
  if (json === null) return errorResponse(c, 'NOT_FOUND', new NotFound(`order ${orderId}`).message) as never;
  // The stored JSON is served as is: no parse, no re-serialisation on the hottest read.
  return c.body(json, 200, { 'Content-Type': 'application/json' }) as never;
};

export const holdOrder: AppRouteHandler<typeof routes.holdOrder> = async (c) => {
  const params = c.req.valid('param');
  const { expiresAt } = c.req.valid('json');
  const { orders, clock } = c.get('services');
  const now = clock();
  if (Date.parse(expiresAt) <= now) {
    throw new DomainError('VALIDATION_FAILED', 'expiresAt: must be in the future', [
      { path: 'expiresAt', message: 'must be in the future' },
    ]);
  }
  const use = idempotencyKeyUse(c, c.req.valid('header')['idempotency-key'], { params, body: { expiresAt } });
  return c.json(await runIdempotent(c, use, () => orders.holdOrder(params.tenantId, params.orderId, expiresAt, now, use)), 200);
};
