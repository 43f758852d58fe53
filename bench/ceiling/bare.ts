/**
 * The ceilings: a bare Hono server on the same Redis, doing for each benchmarked route the least
 * that Node and Redis must do for it: read the request, make one round trip to Redis, answer the
 * same JSON. No validation, auth, request id, logging or error mapping.
 *
 *   POST   /:t/order                      parse the body, one EVALSHA of a 12-operation script
 *   GET    /:t/order/:id                  one GET of the order's JSON, served as is
 *   DELETE /:t/order/byid/:id/code/:code  one EVALSHA: read + decode the order, take the origin's
 *                                         lines off its figures, write it back (same logical work
 *                                         as Reservoir's, without generations or change tracking)
 *   GET    /:t/stock-origins/:code        one EVALSHA reading Reservoir's own figures of the origin
 *                                         (3 HGET, HGETALL), same JSON answer, articles sorted
 *
 * env: PORT, REDIS_URL.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { Redis } from 'ioredis';
import { bareKeys } from './keys.js';
import { DELETE_AT_ORIGIN, STOCK_ORIGIN, UPSERT_12 } from './scripts.js';

type Cmd = (...args: (string | number)[]) => Promise<unknown>;

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
redis.defineCommand('bareUpsert', { numberOfKeys: 1, lua: UPSERT_12 });
redis.defineCommand('bareDeleteAtOrigin', { numberOfKeys: 1, lua: DELETE_AT_ORIGIN });
redis.defineCommand('bareStockOrigin', { numberOfKeys: 4, lua: STOCK_ORIGIN });
const cmd = redis as unknown as Record<'bareUpsert' | 'bareDeleteAtOrigin' | 'bareStockOrigin', Cmd>;

interface Body {
  orderId: string;
  expiresAt?: string;
  lines: { code: string; artGuid: string; qty: number }[];
}

const app = new Hono();

app.post('/:t/order', async (c) => {
  const text = await c.req.text();
  const order = JSON.parse(text) as Body;
  const flat: (string | number)[] = [];
  for (const l of order.lines) flat.push(l.code, l.artGuid, l.qty);
  await cmd.bareUpsert(bareKeys.prefix(c.req.param('t')), order.orderId, text, order.expiresAt ? Date.parse(order.expiresAt) : 0, ...flat);
  return c.json(true);
});

app.get('/:t/order/:id', async (c) => {
  const json = await redis.get(bareKeys.order(c.req.param('t'), c.req.param('id')));
  if (json === null) return c.json({ error: 'not found' }, 404);
  return c.body(json, 200, { 'Content-Type': 'application/json' });
});

app.delete('/:t/order/byid/:id/code/:code', async (c) => {
  const found = await cmd.bareDeleteAtOrigin(bareKeys.prefix(c.req.param('t')), c.req.param('id'), c.req.param('code'));
  return c.json(found === 1);
});

app.get('/:t/stock-origins/:code', async (c) => {
  const code = c.req.param('code');
  const p = `r:{t:${c.req.param('t')}}:0:`;
  const [qty, lines, orders, flat] = (await cmd.bareStockOrigin(`${p}oq`, `${p}ol`, `${p}oo`, `${p}og:${code}`, code)) as [
    string,
    string,
    string,
    string[],
  ];
  const articles: { artGuid: string; qty: number }[] = [];
  for (let i = 0; i < flat.length; i += 2) articles.push({ artGuid: flat[i]!, qty: Number(flat[i + 1]) });
  articles.sort((a, b) => b.qty - a.qty || (a.artGuid < b.artGuid ? -1 : 1));
  return c.json({ code, reservedQty: Number(qty), lineCount: Number(lines), orderCount: Number(orders), articles });
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8090), hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`listening ${info.port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
