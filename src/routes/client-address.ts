import type { Context } from 'hono';

/** What @hono/node-server passes as the env of each request (or under `server`, with other bindings). */
interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
  server?: NodeBindings;
}

/**
 * The address of the client that sent a request: the TCP peer, or behind `trustedProxyHops`
 * proxies that each append the address they were called from to X-Forwarded-For, the entry the
 * outermost of them appended (that many from the end). The entries before it are the client's
 * own words and are never believed. A request with fewer entries did not come through the
 * proxies: its TCP peer is its client. `unknown` when there is no socket (a request made
 * in-process, as tests do).
 */
export function clientAddressOf(c: Context, trustedProxyHops = 0): string {
  const env = c.env as NodeBindings | undefined;
  const peer = (env?.server ?? env)?.incoming?.socket?.remoteAddress ?? 'unknown';
  if (trustedProxyHops <= 0) return peer;
  const forwarded = (c.req.header('X-Forwarded-For') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return forwarded.length >= trustedProxyHops ? forwarded[forwarded.length - trustedProxyHops]! : peer;
}
