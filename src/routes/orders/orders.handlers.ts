import type { MiddlewareHandler } from 'hono';
import { NotFound } from '../../domain/errors.js';
import { acceptOrder, OrderSetIntake } from '../../domain/order.js';
import { replaceTenantOrders } from '../../domain/sync.js';
import type { AppEnv } from '../env.js';
import { errorResponse } from '../errors.js';
import { TenantParamSchema } from '../schemas.js';
import type { AppRouteHandler } from '../types.js';
import { MalformedBody } from '../../intake/order-list-parser.js';
import type * as routes from './orders.routes.js';

export const upsertOrder: AppRouteHandler<typeof routes.upsertOrder> = async (c) => {
  const { tenantId } = c.req.valid('param');
  const order = acceptOrder(c.req.valid('json'), tenantId);
  const { store, clock } = c.get('services');
  return c.json((await store.upsertOrder(order, clock())) === 'created', 200);
};

export const replaceOrders: AppRouteHandler<typeof routes.replaceOrders> = async (c) => {
  const { tenantId } = c.req.valid('param');
  const intake = new OrderSetIntake(tenantId);
  const orders = c.req.valid('json').map((input, i) => intake.accept(input, i));
  return c.json(await replaceTenantOrders(c.get('services'), tenantId, orders), 200);
};

/** The media types the route's own validator takes as JSON (@hono/zod-openapi's gate). */
const JSON_MEDIA_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

/**
 * PUT /{tenantId}/orders with a body over the order-list parser's threshold, answered before the
 * route's validator, which would parse and check it on the event loop: the order-list worker does
 * that (same orders, same refusals), then the replacement goes on as in `replaceOrders`. Anything
 * else (a smaller body, a wrong tenant id in the path, an unusual JSON media type) goes on to the
 * route, unchanged.
 */
export const replaceLargeOrderList: MiddlewareHandler<AppEnv> = async (c, next) => {
  const param = TenantParamSchema.safeParse(c.req.param());
  if (!param.success || !JSON_MEDIA_TYPE.test(c.req.header('Content-Type') ?? '')) return next();
  const services = c.get('services');
  const threshold = services.orderListParser.thresholdBytes;
  const length = c.req.header('Content-Length');
  let body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  if (length !== undefined && c.req.header('Transfer-Encoding') === undefined) {
    if (Number(length) <= threshold) return next();
    // Straight from the socket to the worker, as it arrives.
    body = c.req.raw.body ?? [];
  } else {
    // A chunked body is only known by reading it (the body limit has buffered it already); a
    // small one stays cached for the route to read.
    const buffered = await c.req.arrayBuffer().catch(() => {
      throw new MalformedBody();
    });
    if (buffered.byteLength <= threshold) return next();
    body = [new Uint8Array(buffered)];
  }
  const orders = await services.orderListParser.parse(body, param.data.tenantId);
  return c.json(await replaceTenantOrders(services, param.data.tenantId, orders), 200);
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
