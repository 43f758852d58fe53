import type { Context, MiddlewareHandler } from 'hono';
import { validator } from 'hono/validator';
import { OrderSetIntake, type Order } from '../../domain/order.js';
import { MalformedBody } from '../../domain/errors.js';
import type { OrderListParsing } from '../../domain/ports.js';
import { isJsonRequestMediaType } from '../body.js';
import type { AppEnv } from '../env.js';
import { errorResponse, validationRefusal } from '../errors.js';
import { OrderListSchema, TenantParamSchema } from '../schemas.js';

/**
 * The validators of PUT /{tenantId}/orders, mounted by hand (orders/index.ts) because its body
 * may be tens of MiB: the path's tenant id, then the order list, which comes out of
 * `orderListBody` checked and normalised (OrderSetIntake: tenant, duplicates, lower-case ids)
 * whichever way it was read.
 */

/** The path's tenant id, refused as every route's path (app.ts's defaultHook) is. */
export const tenantParam = validator('param', (value, c) => {
  const result = TenantParamSchema.safeParse(value);
  return result.success ? result.data : validationRefusal(c, result.error);
});

type ValidatedTenant = { out: { param: { tenantId: number } } };

/** What PUT /{tenantId}/orders' handler gets: the tenant id and its orders, checked and normalised. */
export type ValidOrderList = ValidatedTenant & { out: { json: Order[] } };

/**
 * The order list of the body. A body over the order-list parser's threshold (by its
 * Content-Length, or a chunked one once read) is parsed and checked in its worker, off the event
 * loop; a smaller one here, on the event loop, where that is faster. Both give the same orders and
 * the same refusals, those of the routes @hono/zod-openapi mounts: 415 for a type its gate
 * refuses, 400 MALFORMED_REQUEST (MalformedBody) for JSON that does not parse or a body that
 * breaks off, 400 VALIDATION_FAILED naming every wrong field of the list, then the first tenant
 * mismatch or duplicate orderId (OrderSetIntake).
 */
export const orderListBody =
  (parser: OrderListParsing): MiddlewareHandler<AppEnv, string, ValidOrderList> =>
  async (c, next) => {
    const type = c.req.header('Content-Type');
    if (type !== undefined && !isJsonRequestMediaType(type)) return unsupportedMediaType(c);
    const { tenantId } = c.req.valid('param');
    const body = await sizeOf(c);
    if (type === undefined && body.size > 0) return unsupportedMediaType(c);

    let orders: Order[];
    if (body.size > parser.thresholdBytes) orders = await parser.parse(body.pieces(), tenantId);
    else {
      // Without a Content-Type (and so without a body) the list is checked as `{}`, as hono's
      // validator does on the other routes: a 400 saying an array is expected.
      const input: unknown =
        type === undefined
          ? {}
          : await c.req.json().catch(() => {
              throw new MalformedBody();
            });
      const list = OrderListSchema.safeParse(input);
      if (!list.success) return validationRefusal(c, list.error);
      const intake = new OrderSetIntake(tenantId);
      orders = list.data.map((element, i) => intake.accept(element, i));
    }
    c.req.addValidatedData('json', orders);
    return next();
  };

/** @hono/zod-openapi's own refusal of a type its gate does not take. */
const unsupportedMediaType = (c: Context<AppEnv>) => errorResponse(c, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported Media Type');

/**
 * The body's size, and its pieces for the worker. A body with a Content-Length is not read here:
 * its pieces go straight from the socket to the worker as they arrive. A chunked one is only
 * known by reading it (the body limit has buffered it already); it stays cached for `c.req.json()`.
 */
async function sizeOf(c: Context<AppEnv>): Promise<{ size: number; pieces: () => AsyncIterable<Uint8Array> | Iterable<Uint8Array> }> {
  const length = c.req.header('Content-Length');
  if (length !== undefined && c.req.header('Transfer-Encoding') === undefined) {
    return { size: Number(length), pieces: () => c.req.raw.body ?? [] };
  }
  const buffered = await c.req.arrayBuffer().catch(() => {
    throw new MalformedBody();
  });
  return { size: buffered.byteLength, pieces: () => [new Uint8Array(buffered)] };
}
