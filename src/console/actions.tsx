/** @jsxImportSource hono/jsx */
import type { Context, MiddlewareHandler } from 'hono';
import { DomainError } from '../domain/errors.js';
import { ORDER_LIMITS } from '../domain/order.js';
import { TENANT_ID_TEXT } from '../schemas/common.js';
import { isAdmin, type ConsoleEnv } from './env.js';
import { Empty } from './format.js';
import { renderPage } from './layout.js';
import { setFlash } from './session.js';

/** A form's fields (urlencoded or multipart), as strings. */
export async function formOf(c: Context<ConsoleEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') out[name] = value;
  return out;
}

/** What the operator reads when an action fails: the API's own message for a domain error. */
export function errorText(c: Context<ConsoleEnv>, error: unknown): string {
  if (error instanceof DomainError) return error.message;
  c.get('services').log.error({ err: error, requestId: c.get('requestId') }, 'console action failed');
  return `Internal error (request id ${c.get('requestId')}): see the service's log.`;
}

/**
 * Runs an action and sends the operator back to `back` with what it did (or why it failed)
 * shown at the top: post, redirect, get.
 */
export async function runAction(c: Context<ConsoleEnv>, back: string, action: () => Promise<string>) {
  try {
    setFlash(c, { kind: 'ok', text: await action() });
  } catch (error) {
    setFlash(c, { kind: 'error', text: errorText(c, error) });
  }
  return c.redirect(back, 303);
}

export function forbiddenPage(c: Context<ConsoleEnv>, text: string) {
  return renderPage(c, { title: 'Not allowed', status: 403 }, <Empty title="This page is not yours to see.">{text}</Empty>);
}

export function notFoundPage(c: Context<ConsoleEnv>, text: string) {
  return renderPage(c, { title: 'Not found', status: 404 }, <Empty title="Nothing here.">{text}</Empty>);
}

/** /console/tenants/:tenantId...: a tenant key reaches its own tenant only, as on the API. */
export const tenantAccess: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  const raw = c.req.param('tenantId') ?? '';
  if (!TENANT_ID_TEXT.test(raw) || Number(raw) > ORDER_LIMITS.maxTenantId) return notFoundPage(c, `“${raw}” is not a tenant id.`);
  const tenantId = Number(raw);
  const identity = c.get('session').identity;
  if (identity.kind === 'tenant' && identity.tenantId !== tenantId) {
    return forbiddenPage(c, `You are signed in with a key of tenant ${identity.tenantId}; it does not reach tenant ${tenantId}.`);
  }
  c.set('consoleTenant', tenantId);
  return next();
};

/** What the API keeps for the admin key (POST /admin/...), the console keeps for admin sessions. */
export const adminOnly: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  if (!isAdmin(c.get('session').identity)) return forbiddenPage(c, 'Only the admin key reaches this page or action.');
  return next();
};
