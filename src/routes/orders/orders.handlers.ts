import { DomainError, NotFound, TenantMismatch } from '../../domain/errors.js';
import { normalizeOrder, type Order } from '../../domain/order.js';
import { replaceTenantOrders } from '../../domain/sync.js';
import { errorResponse } from '../errors.js';
import type { OrderInput } from '../schemas.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './orders.routes.js';

/** The body's tenant must be the path's; `field` names where it sits in the body. */
function toOrder(input: OrderInput, tenantId: number, field = 'tenantId'): Order {
  if (input.tenantId !== tenantId) throw new TenantMismatch(tenantId, input.tenantId, field);
  const { expiresAt, ...rest } = input;
  return normalizeOrder(expiresAt == null ? rest : { ...rest, expiresAt });
}

export const upsertOrder: AppRouteHandler<typeof routes.upsertOrder> = async (c) => {
  const { tenantId } = c.req.valid('param');
  const order = toOrder(c.req.valid('json'), tenantId);
  const { store, clock } = c.get('services');
  return c.json((await store.upsertOrder(order, clock())) === 'created', 200);
};

export const replaceOrders: AppRouteHandler<typeof routes.replaceOrders> = async (c) => {
  const { tenantId } = c.req.valid('param');
  const inputs = c.req.valid('json');
  const seen = new Map<string, number>();
  const orders = inputs.map((input, i) => {
    const order = toOrder(input, tenantId, `[${i}].tenantId`);
    const first = seen.get(order.orderId);
    if (first !== undefined) {
      throw new DomainError('VALIDATION_FAILED', `[${i}].orderId: duplicates [${first}].orderId`, [
        { path: `[${i}].orderId`, message: `duplicates [${first}].orderId` },
      ]);
    }
    seen.set(order.orderId, i);
    return order;
  });
  return c.json(await replaceTenantOrders(c.get('services'), tenantId, orders), 200);
};

export const deleteOrder: AppRouteHandler<typeof routes.deleteOrder> = async (c) => {
  const { tenantId, orderId } = c.req.valid('param');
  const { store, clock } = c.get('services');
  return c.json(await store.deleteOrder(tenantId, orderId.toLowerCase(), clock()), 200);
};

export const deleteOrderLinesAtOrigin: AppRouteHandler<typeof routes.deleteOrderLinesAtOrigin> = async (c) => {
  const { tenantId, orderId, code } = c.req.valid('param');
  const { store, clock } = c.get('services');
  return c.json(await store.deleteOrderLinesAtOrigin(tenantId, orderId.toLowerCase(), code, clock()), 200);
};

export const getOrder: AppRouteHandler<typeof routes.getOrder> = async (c) => {
  const { tenantId, orderId } = c.req.valid('param');
  const { store, clock } = c.get('services');
  const json = await store.getOrderJson(tenantId, orderId.toLowerCase(), clock());
  if (json === null) return errorResponse(c, 'NOT_FOUND', new NotFound(`order ${orderId}`).message) as never;
  // The stored JSON is served as is: no parse, no re-serialisation on the hottest read.
  return c.body(json, 200, { 'Content-Type': 'application/json' }) as never;
};
