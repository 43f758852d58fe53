/**
 * A body refused before it was read (413 by its Content-Length, 413 while a chunked body streams,
 * 415, 401) is answered, then read and discarded within bounds (docs/limits.md "Bodies"): every
 * common client reads the answer, the connection serves the next request when the body announced
 * its length within the bound, and a client that sends forever is cut off.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN_KEY, makeOrder, newTenantId, startTestService, type TestService, withDatabase } from './support/harness.js';
import { startReplicas, type ReplicaSet } from './support/replicas.js';

const MiB = 1024 * 1024;
let svc: TestService;
let server: ServerType;
let base: string;

beforeAll(async () => {
  svc = await startTestService({
    settings: { orderBodyLimitBytes: MiB, replaceBodyLimitBytes: 3 * MiB, bodyDrain: { maxBytes: 8 * MiB, maxMs: 3000 } },
  });
  server = serve({ fetch: svc.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if ('closeAllConnections' in server) server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await svc.close();
});

const headers = { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' };

/** One order padded to `size` bytes of JSON: valid but for its size. */
function paddedOrder(t: number, size: number) {
  const order = makeOrder(t);
  const json = JSON.stringify({ ...order, padding: '' });
  return { order, body: Buffer.from(JSON.stringify({ ...order, padding: 'x'.repeat(size - json.length) })) };
}

async function expectStillAbsent(t: number, orderId: string) {
  const res = await fetch(`${base}/${t}/order/${orderId}`, { headers });
  expect(res.status).toBe(404);
  await res.arrayBuffer();
}

describe("Node's fetch reads the 413 of the service in its own process (npm start)", () => {
  let replicas: ReplicaSet;
  beforeAll(async () => {
    const clusterNodes = inject('redisClusterNodes');
    replicas = await startReplicas(1, {
      redis: clusterNodes ? { redisClusterNodes: clusterNodes } : { redisUrl: inject('redisUrl') },
      mongoUrl: withDatabase(inject('mongoUrl'), `reservoir_413_${randomUUID().slice(0, 8)}`),
    });
  }, 120_000);
  afterAll(() => replicas?.close());

  for (const size of [2 * MiB, 5 * MiB]) {
    it(`of a ${size / MiB} MiB order sent with its Content-Length, three times in a row`, async () => {
      const url = replicas.replicas[0]!.url;
      const t = newTenantId();
      for (let i = 0; i < 3; i += 1) {
        const { order, body } = paddedOrder(t, size);
        const res = await fetch(`${url}/${t}/order`, { method: 'POST', headers, body });
        expect(res.status).toBe(413);
        expect((await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
        const stored = await fetch(`${url}/${t}/order/${order.orderId}`, { headers });
        expect(stored.status).toBe(404);
        await stored.arrayBuffer();
      }
    });
  }
});

describe("Node's fetch reads the 413", () => {
  for (const size of [2 * MiB, 5 * MiB]) {
    it(`of a ${size / MiB} MiB body sent with its Content-Length, three times in a row, and the next request answers`, async () => {
      const t = newTenantId();
      for (let i = 0; i < 3; i += 1) {
        const { order, body } = paddedOrder(t, size);
        const res = await fetch(`${base}/${t}/order`, { method: 'POST', headers, body });
        expect(res.status).toBe(413);
        expect((await res.json()).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining(`${MiB} bytes`) });
        const health = await fetch(`${base}/health`);
        expect(await health.json()).toEqual({ status: 'ok' });
        await expectStillAbsent(t, order.orderId);
      }
    });
  }

  it('of a chunked body, and of a body past the drain bound (then the connection is closed)', async () => {
    const t = newTenantId();
    const chunks = (count: number) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < count; i += 1) controller.enqueue(new Uint8Array(64 * 1024).fill(32));
          controller.close();
        },
      });
    const chunked = await fetch(`${base}/${t}/order`, { method: 'POST', headers, body: chunks(40), duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(chunked.headers.get('connection')).toBe('close');
    expect((await chunked.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
    // A replacement of 5 MiB against its 3 MiB limit: refused the same way.
    const replace = await fetch(`${base}/${t}/orders`, { method: 'PUT', headers, body: Buffer.alloc(5 * MiB, 32) });
    expect(replace.status).toBe(413);
    expect((await replace.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

/** Runs curl and resolves with what it printed: the body, then the status on its own line. */
function curl(args: string[]) {
  return new Promise<{ code: number; out: string }>((resolve, reject) => {
    const child = spawn('curl', ['-s', '-S', '-w', '\n%{http_code}', ...args]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

describe('curl reads the 413', () => {
  it('with a Content-Length and chunked', async () => {
    const t = newTenantId();
    const { order, body } = paddedOrder(t, 2 * MiB);
    const file = join(tmpdir(), `reservoir-413-${t}.json`);
    await writeFile(file, body);
    const auth = ['-H', `Authorization: Bearer ${ADMIN_KEY}`, '-H', 'Content-Type: application/json'];
    for (const extra of [[], ['-H', 'Transfer-Encoding: chunked']]) {
      const { code, out } = await curl([...auth, ...extra, '--data-binary', `@${file}`, `${base}/${t}/order`]);
      expect(code).toBe(0);
      const [json, status] = out.split('\n');
      expect(status).toBe('413');
      expect(JSON.parse(json!).error.code).toBe('PAYLOAD_TOO_LARGE');
    }
    await expectStillAbsent(t, order.orderId);
  });
});

/** Writes on a raw connection and collects everything the server sends until it closes it or `until` holds. */
function rawExchange(write: (socket: ReturnType<typeof connect>) => Promise<void>, until: (received: string) => boolean) {
  const { port } = new URL(base);
  return new Promise<{ received: string; closed: boolean }>((resolve) => {
    const socket = connect({ port: Number(port), host: '127.0.0.1' });
    let received = '';
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ received, closed });
    };
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (until(received)) finish(false);
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.once('connect', () => void write(socket).catch(() => finish(true)));
  });
}

const send = (socket: ReturnType<typeof connect>, data: string | Buffer) =>
  new Promise<void>((resolve, reject) => {
    if (socket.destroyed) return reject(new Error('closed'));
    socket.write(data, (err) => (err ? reject(err) : resolve()));
  });

describe('a raw socket client', () => {
  const head = (path: string, more: string) => `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN_KEY}\r\n${more}\r\n`;
  const health = 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n';

  it('gets the 413 of a Content-Length body, then the answer to the next request on the same connection', async () => {
    const t = newTenantId();
    const { body } = paddedOrder(t, 2 * MiB);
    const result = await rawExchange(
      async (socket) => {
        await send(socket, head(`/${t}/order`, `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n`));
        for (let i = 0; i < body.length; i += 256 * 1024) await send(socket, body.subarray(i, i + 256 * 1024));
        await send(socket, health);
      },
      (received) => received.includes('{"status":"ok"}'),
    );
    expect(result.received).toMatch(/^HTTP\/1\.1 413 /);
    expect(result.received).toContain('"PAYLOAD_TOO_LARGE"');
    expect(result.received).toMatch(/\r\n\r\n\{"status":"ok"\}$/);
    expect(result.closed).toBe(false);
  });

  it('gets the 413 of a chunked body, then the connection closes once the body has ended', async () => {
    const t = newTenantId();
    const piece = Buffer.alloc(64 * 1024, 32);
    const result = await rawExchange(
      async (socket) => {
        await send(socket, head(`/${t}/order`, 'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n'));
        for (let i = 0; i < 32; i += 1) await send(socket, Buffer.concat([Buffer.from('10000\r\n'), piece, Buffer.from('\r\n')]));
        await send(socket, '0\r\n\r\n');
      },
      () => false,
    );
    expect(result.received).toMatch(/^HTTP\/1\.1 413 /);
    expect(result.received.toLowerCase()).toContain('connection: close');
    expect(result.received).toContain('"PAYLOAD_TOO_LARGE"');
    expect(result.closed).toBe(true);
  });

  it('that sends forever is cut off once the drain bound is passed, after it got its 413', async () => {
    const t = newTenantId();
    let sent = 0;
    const result = await rawExchange(
      async (socket) => {
        await send(socket, head(`/${t}/order`, 'Content-Type: application/json\r\nContent-Length: 1000000000000\r\n'));
        const piece = Buffer.alloc(256 * 1024, 32);
        for (;;) {
          await send(socket, piece);
          sent += piece.length;
        }
      },
      () => false,
    );
    expect(result.received).toMatch(/^HTTP\/1\.1 413 /);
    expect(result.received.toLowerCase()).toContain('connection: close');
    expect(result.closed).toBe(true);
    // It was read for a while (lingering), never to the end.
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(1e12);
  });
});

describe('every method with a body has a limit and a media type', () => {
  const PUBLIC_URL = 'https://93.184.215.14/hooks';

  it('PATCH /{t}/webhooks/{id}: 415 when not JSON, 413 over the limit, and the endpoint is unchanged', async () => {
    const t = newTenantId();
    const created = await svc.call('POST', `/${t}/webhooks`, { url: PUBLIC_URL, events: ['order.created'] });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const before = (await svc.call('GET', `/${t}/webhooks/${id}`)).body;
    const notJson = await svc.call('PATCH', `/${t}/webhooks/${id}`, 'description=x', { headers: { 'Content-Type': 'text/plain' } });
    expect(notJson.status).toBe(415);
    expect(notJson.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const huge = await svc.call('PATCH', `/${t}/webhooks/${id}`, { description: 'x'.repeat(2 * MiB) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await svc.call('GET', `/${t}/webhooks/${id}`)).body).toEqual(before);
    // A body within the limits still changes it.
    expect((await svc.call('PATCH', `/${t}/webhooks/${id}`, { description: 'kept' })).status).toBe(200);
  });

  it('DELETE with a body over the limit is refused and deletes nothing; without a body it works as ever', async () => {
    const t = newTenantId();
    const order = makeOrder(t);
    expect((await svc.call('POST', `/${t}/order`, order)).body).toBe(true);
    const huge = await svc.call('DELETE', `/${t}/order/byid/${order.orderId}`, 'x'.repeat(2 * MiB));
    expect(huge.status).toBe(413);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).status).toBe(200);
    const res = await svc.app.request(`/${t}/order/byid/${order.orderId}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'text/plain' },
    });
    expect(await res.json()).toBe(true);
  });

  it('console forms: 415 when not a form, 413 over 64 KiB', async () => {
    const notForm = await svc.call('POST', '/console/sign-in', { key: ADMIN_KEY }, { key: null });
    expect(notForm.status).toBe(415);
    expect(notForm.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const huge = await svc.call('POST', '/console/sign-in', `key=${'x'.repeat(100 * 1024)}`, {
      key: null,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
