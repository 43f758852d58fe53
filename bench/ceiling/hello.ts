/** A hello-world Hono server: the cost of Node's HTTP plus Hono alone, for scale. env: PORT. */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/hello', (c) => c.json(true));
app.post('/hello', (c) => c.json(true));

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8091), hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`listening ${info.port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
