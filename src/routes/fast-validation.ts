import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler, Next } from 'hono';
import { compileAccept, REFUSED } from '../schemas/accept.js';
import type { AppEnv } from './env.js';
import { validationHook } from './errors.js';
import type { AppOpenAPI, AppRouteHandler } from './types.js';

/**
 * How the hot routes are mounted (bench/NOTES.md, "The hot path"): `openapiFast(app, route,
 * handler)` in place of `app.openapi(route, handler)`. The route is declared and documented the
 * same way, and validated by the same request schemas, only faster: each part of the request
 * (path, headers, JSON body, in the library's order) is first parsed by an accept-only parser
 * compiled from its schema (schemas/accept.ts), which gives the schema's own output; a part it
 * declines meets, from there on, the very validators `app.openapi` would have mounted (taken from
 * the library, below), so every refusal is the library's, with zod's messages.
 *
 * What it spares the common, valid request is zod's machinery and four validator middlewares
 * (asynchronous parses, every header copied into an object): about 10 % of an upsert's CPU.
 */
export function openapiFast<R extends RouteConfig>(app: AppOpenAPI, route: R, handler: AppRouteHandler<R>): void {
  const { middleware, validators, path } = mountedBy(route, handler);
  if (middleware.length > 0) throw new Error(`openapiFast: ${route.method} ${route.path} declares middleware; mount it with app.openapi`);
  const parts = fastParts(route);
  if (parts.length !== validators.length - parts.filter((part) => part.gated).length) {
    throw new Error(`openapiFast: ${route.method} ${route.path} has request parts it cannot parse (query, cookies, forms)`);
  }
  app.openAPIRegistry.registerPath(route);
  app.on(route.method.toUpperCase(), path, fastValidation(parts, validators), handler as unknown as MiddlewareHandler<AppEnv>);
}

/** One part of the request, its accept-only parser, and where the library's validators for it start. */
interface FastPart {
  target: 'param' | 'header' | 'json';
  parse(c: Context<AppEnv>): unknown | Promise<unknown>;
  /** The JSON body's validators begin with the library's media-type gate. */
  gated: boolean;
}

/** @hono/zod-openapi's gate for a JSON body (its jsonRequestRegex): a type it takes also passes hono's own check. */
const JSON_REQUEST = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

function fastParts(route: RouteConfig): FastPart[] {
  const parts: FastPart[] = [];
  const request = route.request ?? {};
  if (request.params) {
    const accept = compileAccept(request.params as never);
    parts.push({ target: 'param', gated: false, parse: (c) => accept(c.req.param()) });
  }
  if (request.headers) {
    const schema = request.headers as never as { shape: Record<string, unknown> };
    const accept = compileAccept(schema as never);
    // Only the schema's headers are read: the object schema drops the others anyway.
    const names = Object.keys(schema.shape);
    parts.push({
      target: 'header',
      gated: false,
      parse: (c) => {
        const headers: Record<string, string> = {};
        for (const name of names) {
          const value = c.req.header(name);
          if (value !== undefined) headers[name] = value;
        }
        return accept(headers);
      },
    });
  }
  const body = request.body;
  if (body) {
    const json = body.content['application/json'];
    if (!json || !('schema' in json) || Object.keys(body.content).length !== 1 || !body.required) {
      throw new Error(`openapiFast: ${route.method} ${route.path}: only a required JSON body has a fast path`);
    }
    const accept = compileAccept(json.schema as never);
    parts.push({
      target: 'json',
      gated: true,
      parse: async (c) => {
        const type = c.req.header('Content-Type');
        if (type === undefined || !JSON_REQUEST.test(type)) return REFUSED;
        // JSON that does not parse is refused by the library's validator, as it is without this.
        const value: unknown = await c.req.json().catch(() => REFUSED);
        return value === REFUSED ? REFUSED : accept(value);
      },
    });
  }
  return parts;
}

/**
 * The route's one validating middleware: the parts in order, each parsed fast or, from the first
 * one declined, the library's validators of that part and the ones after it.
 */
function fastValidation(parts: FastPart[], validators: MiddlewareHandler<AppEnv>[]): MiddlewareHandler<AppEnv> {
  const starts: number[] = [];
  let index = 0;
  for (const part of parts) {
    starts.push(index);
    index += part.gated ? 2 : 1;
  }
  return async (c, next) => {
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const value = await part.parse(c);
      if (value === REFUSED) return runFrom(validators, starts[i]!, c, next);
      c.req.addValidatedData(part.target, value as object);
    }
    return next();
  };
}

/** The validators from `first` on, then `next`, each answer kept as hono's compose keeps it. */
async function runFrom(validators: MiddlewareHandler<AppEnv>[], first: number, c: Context<AppEnv>, next: Next): Promise<void> {
  const run = async (i: number): Promise<void> => {
    if (i === validators.length) return next();
    const res = await validators[i]!(c, () => run(i + 1));
    if (res instanceof Response && !c.finalized) c.res = res;
  };
  return run(first);
}

/**
 * What `app.openapi(route, handler)` would mount: its route middleware, its validators (built by
 * the library, with the app's validation hook) and its routing path. Taken from a throwaway
 * OpenAPIHono whose `on` records its arguments instead of routing, so the fallback validators are
 * the library's own, whatever its version builds.
 */
function mountedBy(route: RouteConfig, handler: unknown) {
  let mounted: unknown[] | undefined;
  let path = '';
  const probe = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  Object.assign(probe, {
    on: (_methods: string[], paths: string[], ...handlers: unknown[]) => {
      path = paths[0]!;
      mounted = handlers;
      return probe;
    },
  });
  probe.openapi({ ...route, hide: true }, handler as never);
  if (!mounted || mounted.at(-1) !== handler) throw new Error('openapiFast: @hono/zod-openapi mounts routes in a way this does not know');
  const declared = route.middleware === undefined ? [] : [route.middleware].flat();
  return {
    path,
    middleware: declared,
    validators: mounted.slice(declared.length, -1) as MiddlewareHandler<AppEnv>[],
  };
}
