import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { acceptGuid, acceptsCode, acceptsIdempotencyKey, acceptsOrderBody, acceptTenantId } from './hot-input.js';

/**
 * The hot routes' fast path: a route-level middleware in front of the validators @hono/zod-openapi
 * mounts. When the accept-only checks of hot-input.ts take the request, it is handed to the
 * handler at once with the input the validators would have given; otherwise the validators run
 * as for any route (and refuse with their own messages).
 */
type Accept = (c: Context<AppEnv>) => boolean | Promise<boolean>;
type AnyHandler = (c: Context<AppEnv>, next: () => Promise<void>) => Response | Promise<Response>;

export function fastPath(accept: Accept, handler: unknown): MiddlewareHandler<AppEnv> {
  const run = handler as AnyHandler;
  return async (c, next) => ((await accept(c)) ? run(c, next) : next());
}

/** @hono/zod-openapi's gate for a JSON body (its jsonRequestRegex). */
const JSON_REQUEST = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

function acceptIdempotencyHeader(c: Context<AppEnv>): boolean {
  const key = c.req.header('idempotency-key');
  if (!acceptsIdempotencyKey(key)) return false;
  c.req.addValidatedData('header', key === undefined ? {} : { 'idempotency-key': key });
  return true;
}

const RESERVATION_POLICY = /^(always|if-available)$/;

/** POST /{tenantId}/order */
export const acceptUpsert: Accept = async (c) => {
  const tenantId = acceptTenantId(c.req.param('tenantId'));
  const type = c.req.header('content-type');
  const key = c.req.header('idempotency-key');
  const policy = c.req.header('reservation-policy');
  if (tenantId === undefined || type === undefined || !JSON_REQUEST.test(type) || !acceptsIdempotencyKey(key)) return false;
  if (policy !== undefined && !RESERVATION_POLICY.test(policy)) return false;
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return false;
  }
  if (!acceptsOrderBody(body)) return false;
  c.req.addValidatedData('header', {
    ...(key === undefined ? {} : { 'idempotency-key': key }),
    ...(policy === undefined ? {} : { 'reservation-policy': policy }),
  });
  c.req.addValidatedData('param', { tenantId });
  c.req.addValidatedData('json', body as object);
  return true;
};

/** GET and DELETE /{tenantId}/order/...{orderId} */
export const acceptOrderParams: Accept = (c) => {
  const tenantId = acceptTenantId(c.req.param('tenantId'));
  const orderId = acceptGuid(c.req.param('orderId'));
  if (tenantId === undefined || orderId === undefined) return false;
  c.req.addValidatedData('param', { tenantId, orderId });
  return true;
};

/** DELETE /{tenantId}/order/byid/{orderId} */
export const acceptDeleteOrder: Accept = (c) => acceptIdempotencyHeader(c) && acceptOrderParams(c);

/** DELETE /{tenantId}/order/byid/{orderId}/code/{code} */
export const acceptDeleteLinesAtOrigin: Accept = (c) => {
  const tenantId = acceptTenantId(c.req.param('tenantId'));
  const orderId = acceptGuid(c.req.param('orderId'));
  const code = c.req.param('code');
  if (tenantId === undefined || orderId === undefined || !acceptsCode(code) || !acceptIdempotencyHeader(c)) return false;
  c.req.addValidatedData('param', { tenantId, orderId, code });
  return true;
};
