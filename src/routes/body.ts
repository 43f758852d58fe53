import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { isConsolePath } from './console-path.js';
import type { AppEnv } from './env.js';
import { errorResponse } from './errors.js';

/**
 * What the edge does with request bodies before any route sees them: a body that is not JSON is
 * refused (415), one over its size limit too (413), and a connection whose request was answered
 * before its body arrived is closed.
 */

/**
 * A JSON `Content-Type` as the edge first judges it, before auth: `application/json` or
 * `application/<x>+json`, parameters or not.
 */
export function isJsonMediaType(contentType: string): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType);
}

/**
 * The stricter rule a route with a JSON body applies once the path is checked: @hono/zod-openapi's
 * gate (well-formed `; name=value` parameters only; anything else is 415 "Unsupported Media
 * Type"). The routes the library mounts get it from the library; PUT /{tenantId}/orders, mounted
 * by hand, applies it with this.
 */
export function isJsonRequestMediaType(contentType: string): boolean {
  const [essence, ...parameters] = contentType.split(';');
  return /^application\/(?:[a-z.-]+\+)?json$/i.test(essence!) && parameters.every((p) => /^\s*[a-z0-9-]+=[^;]+$/i.test(p));
}

const hasBody = (c: Context) =>
  c.req.header('Content-Length') !== '0' &&
  (c.req.header('Content-Type') !== undefined ||
    c.req.header('Content-Length') !== undefined ||
    c.req.header('Transfer-Encoding') !== undefined);

const UNSUPPORTED_MEDIA_TYPE_MESSAGE = 'the body must be JSON (Content-Type: application/json)';

/** POST and PUT bodies must be JSON (the console's forms aside): refused before auth and before a byte of them is read. */
export const requireJsonBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (isConsolePath(c.req.path)) return next();
  if ((c.req.method === 'POST' || c.req.method === 'PUT') && hasBody(c) && !isJsonMediaType(c.req.header('Content-Type') ?? '')) {
    return errorResponse(c, 'UNSUPPORTED_MEDIA_TYPE', UNSUPPORTED_MEDIA_TYPE_MESSAGE);
  }
  return next();
};

/**
 * Bodies over their limit are refused (413): PUT /{tenantId}/orders has `replace` bytes, every
 * other POST and PUT `order` bytes. A body with a Content-Length is judged by the header alone
 * (Node's HTTP parser refuses a body longer than it announced); only a chunked body is counted as
 * it streams, by hono's bodyLimit, which is costly on @hono/node-server (it rebuilds the request as
 * a web stream: half the CPU of an upsert, bench/RESULTS.md).
 */
export function limitBodySize(limits: { order: number; replace: number }): MiddlewareHandler<AppEnv> {
  const tooLarge = (limit: number) => {
    const refuse = (c: Context<AppEnv>) => errorResponse(c, 'PAYLOAD_TOO_LARGE', `the body is over ${limit} bytes; nothing was stored`);
    const streamed = bodyLimit({ maxSize: limit, onError: refuse });
    return async (c: Context<AppEnv>, next: () => Promise<void>) => {
      const length = c.req.header('Content-Length');
      if (length !== undefined && c.req.header('Transfer-Encoding') === undefined) {
        return Number(length) > limit ? refuse(c) : next();
      }
      return streamed(c, next);
    };
  };
  const replaceLimit = tooLarge(limits.replace);
  const orderLimit = tooLarge(limits.order);
  return async (c, next) => {
    if (c.req.method !== 'POST' && c.req.method !== 'PUT') return next();
    const replace = c.req.method === 'PUT' && /^\/\d+\/orders$/.test(c.req.path);
    return (replace ? replaceLimit : orderLimit)(c, next);
  };
}

/**
 * A request answered before its body arrived whole (413 while a chunked body streams in, 415, 401,
 * 403, 429, a refused path...) closes its connection: the answer says `Connection: close`, and
 * Node closes the socket once it is sent. Kept open, the connection would carry the rest of an
 * unread body that @hono/node-server drains for at most 0.5 s before dropping the socket, and with
 * it a request the client had already sent behind it (a pooling client sees that one fail). An
 * answer given once the whole body is in keeps the connection: what is left unread is already
 * there to discard. Off Node's HTTP server (`app.request` in tests) there is no connection.
 */
export const closeIfBodyUnread: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  if (incoming && !incoming.complete) c.header('Connection', 'close');
};
