import type { Socket } from 'node:net';
import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv, BodyDrainSettings } from './env.js';
import { errorResponse } from './errors.js';

/**
 * What the edge does with request bodies before any route sees them: a body that is not JSON is
 * refused (415), one over its size limit too (413), and a connection whose request was answered
 * before its body arrived is closed.
 */

/**
 * A step of the edge's policy: a middleware whose `next` may also be the policy's next step, which
 * answers (a refusal) or goes on. Hono takes it as a middleware.
 */
export type PolicyStep = (c: Context<AppEnv>, next: () => Answer) => Answer;
/** What a middleware answers (hono's type): a response, or nothing once `next` has gone on. */
type Answer = ReturnType<MiddlewareHandler<AppEnv>>;

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

/**
 * Whether a request carries a body. POST and PUT are judged as before (a Content-Type alone
 * counts); any other method by a body on the wire (Content-Length over 0, or chunked), so a DELETE
 * or GET that sends a Content-Type and no body is not refused. Off Node's HTTP server
 * (`app.request`), where a body has no Content-Length, by the request's body itself.
 */
const hasBody = (c: Context) => {
  const length = c.req.header('Content-Length');
  if (c.req.header('Transfer-Encoding') !== undefined) return true;
  if (c.req.method === 'POST' || c.req.method === 'PUT')
    return length !== '0' && (length !== undefined || c.req.header('Content-Type') !== undefined);
  if (length !== undefined) return length !== '0';
  return !(c.env as Partial<HttpBindings> | undefined)?.incoming && c.req.raw.body !== null;
};

const UNSUPPORTED_MEDIA_TYPE_MESSAGE = 'the body must be JSON (Content-Type: application/json)';
const UNSUPPORTED_FORM_TYPE_MESSAGE = 'the body must be a form (application/x-www-form-urlencoded or multipart/form-data)';
const isFormMediaType = (contentType: string) =>
  /^(?:application\/x-www-form-urlencoded|multipart\/form-data)\s*(?:;|$)/i.test(contentType);

/** The methods whose bodies the API reads; a body on GET, HEAD or OPTIONS is never read (it only meets the size limit). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The API's body rules, in their order: a body must be JSON (415, before a byte of it is read),
 * on every method that carries one, then within `limit` bytes (413; `limitBodySize`). A route
 * group's policy applies them before the key is looked at (routes/policy.ts); a route with a
 * larger limit has its own, registered before its group's: the first rules a request meets judge it.
 */
export function jsonBodyRules(limit: number): PolicyStep {
  const limitSize = limitBodySize(limit);
  return async (c, next) => {
    if (c.get('bodyLimited')) return next();
    if (BODY_METHODS.has(c.req.method) && hasBody(c) && !isJsonMediaType(c.req.header('Content-Type') ?? ''))
      return errorResponse(c, 'UNSUPPORTED_MEDIA_TYPE', UNSUPPORTED_MEDIA_TYPE_MESSAGE);
    return limitSize(c, next);
  };
}

/** The console's bodies must be forms (415 otherwise), as the API's must be JSON. */
export const requireFormBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!BODY_METHODS.has(c.req.method) || !hasBody(c)) return next();
  if (!isFormMediaType(c.req.header('Content-Type') ?? ''))
    return errorResponse(c, 'UNSUPPORTED_MEDIA_TYPE', UNSUPPORTED_FORM_TYPE_MESSAGE);
  return next();
};

/** The console's forms are a few fields: a sign-in, a webhook's URL and events. */
export const CONSOLE_FORM_LIMIT_BYTES = 64 * 1024;

/**
 * Bodies over `limit` bytes are refused (413), whatever the method. Attached to a route group (the
 * API's bodies, the console's forms) or to a route with a larger body (PUT /{tenantId}/orders);
 * the first limit a request meets is its limit, so a route's own limit is registered before its
 * group's. A body with a Content-Length is judged by the header alone (Node's HTTP parser refuses
 * a body longer than it announced); only a chunked body is counted as it streams, by hono's
 * bodyLimit, which is costly on @hono/node-server (it rebuilds the request as a web stream: half
 * the CPU of an upsert, bench/RESULTS.md).
 */
export function limitBodySize(limit: number): PolicyStep {
  const refuse = (c: Context<AppEnv>) => errorResponse(c, 'PAYLOAD_TOO_LARGE', `the body is over ${limit} bytes; nothing was stored`);
  const streamed = bodyLimit({ maxSize: limit, onError: refuse });
  return async (c, next) => {
    if (c.get('bodyLimited') || (!BODY_METHODS.has(c.req.method) && !hasBody(c))) return next();
    c.set('bodyLimited', true);
    const length = c.req.header('Content-Length');
    const chunked = c.req.header('Transfer-Encoding') !== undefined;
    if (length !== undefined && !chunked) return Number(length) > limit ? refuse(c) : next();
    // On Node's HTTP/1 server a request with neither header has no body (HTTP/1.1's framing): nothing
    // to count, and asking hono's bodyLimit would build the web request for nothing (most of a
    // DELETE's CPU, bench/NOTES.md).
    if (!chunked && (c.env as Partial<HttpBindings> | undefined)?.incoming?.httpVersionMajor === 1) return next();
    // hono's bodyLimit answers what `next` answers (a group's policy continues with its own steps).
    return streamed(c, next as Next);
  };
}

/**
 * A request answered before its body arrived whole (413, 415, 401, 403, 429, a refused path...)
 * still has its body on the wire. Closing the socket at once makes the kernel reset a connection
 * whose client is still sending: Node's fetch and Python's requests, which write the whole body
 * before they read, then fail (EPIPE, ECONNRESET) and never see the answer. So the edge answers,
 * then reads and discards the rest (at most `maxBytes`, for at most `maxMs`), as nginx does:
 * - a body announced by its Content-Length within `maxBytes` keeps its connection: once the body
 *   is in, the next request on it is answered;
 * - a longer or chunked one is answered `Connection: close`; the socket stops sending (FIN) once
 *   the answer is out and is closed when the body has ended, or when a bound is passed (a client
 *   that sends forever is cut off).
 * An answer given once the whole body is in needs none of this. Off Node's HTTP server
 * (`app.request` in tests) there is no connection.
 */
export function drainUnreadBody(drain: BodyDrainSettings): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
    if (!incoming || incoming.complete) return;
    const socket = incoming.socket;
    const length = c.req.header('Content-Length');
    const keepAlive =
      !incoming.destroyed && length !== undefined && c.req.header('Transfer-Encoding') === undefined && Number(length) <= drain.maxBytes;
    if (!keepAlive) c.header('Connection', 'close');
    if (incoming.destroyed || !socket) return;
    lingerOn(incoming, socket, drain, keepAlive);
  };
}

function lingerOn(incoming: HttpBindings['incoming'], socket: Socket, drain: BodyDrainSettings, keepAlive: boolean) {
  let read = 0;
  let cutOff = false;
  const cut = () => {
    cutOff = true;
    clearTimeout(timer);
    socket.destroy();
  };
  const timer = setTimeout(cut, drain.maxMs);
  timer.unref();
  incoming.on('data', (chunk: Buffer) => {
    read += chunk.length;
    if (read > drain.maxBytes) cut();
  });
  incoming.once('end', () => {
    clearTimeout(timer);
    if (!keepAlive) socket.destroy();
  });
  incoming.once('error', () => clearTimeout(timer));
  incoming.once('close', () => clearTimeout(timer));
  // Node's server (after an answer that said close) and @hono/node-server's own drain (after
  // 0.5 s) end a connection through destroySoon: while the body drains within its bounds, that
  // only stops the sending side, so the client can still write what it has and read the answer.
  const destroySoon = socket.destroySoon.bind(socket);
  socket.destroySoon = () => {
    if (cutOff || incoming.complete) return destroySoon();
    if (!keepAlive) socket.end();
  };
  incoming.resume();
}
