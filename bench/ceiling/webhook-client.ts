/**
 * The webhook ceiling's client, in a process of its own (as the service is): POSTs `EVENTS`
 * signed bodies of the benchmark's size to `URL` over keep-alive connections, `CONCURRENCY` at
 * a time, with no Redis; prints `{"seconds": …}`. What the HTTP work of the deliveries alone allows.
 *
 * env: URL, EVENTS, CONCURRENCY.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';

const url = process.env.URL!;
const events = Number(process.env.EVENTS);
const concurrency = Number(process.env.CONCURRENCY);
const data = process.env.DATA ?? '{}';
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const key = Buffer.alloc(32, 7);

const t0 = performance.now();
let next = 0;
async function worker() {
  while (next < events) {
    const i = next++;
    const body = `{"id":"${i}-0","type":"order.created","at":"2025-09-22T10:01:20.624Z","tenantId":0,"data":${data}}`;
    const ts = Math.floor(Date.now() / 1000);
    const signature = `v1,${createHmac('sha256', key).update(`c${i}.${ts}.${body}`).digest('base64')}`;
    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'webhook-id': `c${i}`,
            'webhook-timestamp': String(ts),
            'webhook-signature': signature,
          },
        },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
process.stdout.write(`${JSON.stringify({ seconds: (performance.now() - t0) / 1000 })}\n`);
agent.destroy();
