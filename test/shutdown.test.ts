/**
 * SIGTERM to the real server process (src/server.ts): it stops accepting connections, finishes
 * the requests in flight, lets a running sync finish (which releases its tenant lease), closes its
 * connections and exits 0, without waiting for idle keep-alive connections.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tenantKeys } from '../src/repositories/keys.js';
import {
  ADMIN_KEY,
  eventually,
  makeOrder,
  newGuid,
  newTenantId,
  startTestService,
  withDatabase,
  type TestService,
} from './support/harness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Running {
  child: ChildProcess;
  port: number;
  lines: Record<string, unknown>[];
  exited: Promise<number | null>;
}

async function startServer(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let buffered = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 30_000);
    child.stdout!.on('data', (chunk) => {
      buffered += String(chunk);
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const part of parts) {
        if (!part.startsWith('{')) continue;
        const line = JSON.parse(part) as Record<string, unknown>;
        lines.push(line);
        if (line.msg === 'Reservoir listening') {
          clearTimeout(timer);
          resolve(line.port as number);
        }
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  return { child, port, lines, exited };
}

function request(port: number, method: string, urlPath: string, options: { body?: string; agent?: http.Agent } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent: options.agent,
        headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += String(chunk)));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('graceful shutdown on SIGTERM', () => {
  let reader: TestService;
  const database = `reservoir_test_shutdown_${newGuid().slice(0, 8)}`;
  beforeAll(async () => {
    reader = await startTestService({ mongoUrl: withDatabase(inject('mongoUrl'), database) });
  });
  afterAll(async () => {
    await reader.mongo.run((db) => db.dropDatabase()).catch(() => {});
    await reader.close();
  });

  it('stops accepting, finishes what is in flight, and exits 0', { timeout: 60_000 }, async () => {
    const server = await startServer({
      // The suite's Redis, or its Cluster in the `cluster` project.
      ...(inject('redisClusterNodes') ? { REDIS_CLUSTER_NODES: inject('redisClusterNodes')! } : { REDIS_URL: inject('redisUrl') }),
      MONGO_URL: withDatabase(inject('mongoUrl'), database),
      ADMIN_API_KEY: ADMIN_KEY,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      RESTORE_ON_START: 'false',
      SYNC_CRON: '0 0 1 1 *',
      SHUTDOWN_TIMEOUT_MS: '60000',
      // Idle keep-alive connections would hold the exit up for ten minutes if it waited for them:
      // past SHUTDOWN_TIMEOUT_MS, whose forced exit is code 1.
      HTTP_KEEP_ALIVE_TIMEOUT: '10m',
    });
    try {
      const t = newTenantId();
      await request(server.port, 'POST', `/${t}/order`, { body: JSON.stringify(makeOrder(t)) });

      // An idle keep-alive connection must not hold the shutdown up.
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      expect((await request(server.port, 'GET', '/health', { agent })).status).toBe(200);

      // A request in flight: its body is half sent when SIGTERM arrives, the rest once the server
      // has stopped accepting connections.
      const order = makeOrder(t);
      const json = JSON.stringify(order);
      let sendTheRest = () => {};
      const slow = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: server.port,
            method: 'POST',
            path: `/${t}/order`,
            headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
          },
          (res) => {
            let body = '';
            res.on('data', (chunk) => (body += String(chunk)));
            res.on('end', () => resolve({ status: res.statusCode!, body }));
          },
        );
        req.on('error', reject);
        req.write(json.slice(0, 40));
        sendTheRest = () => req.end(json.slice(40));
      });
      // And a sync batch, which holds the tenant's lease while it runs.
      const sync = request(server.port, 'POST', '/admin/sync', { body: JSON.stringify({ tenantId: t, full: true }) });
      let syncAnswered = false;
      void sync.then(
        () => (syncAnswered = true),
        () => (syncAnswered = true),
      );
      // Signalled once the sync runs (its lease is taken), or has already run: never before the
      // server has the request, however slow this machine is.
      await eventually(
        async () => expect(syncAnswered || (await reader.redis.exists(tenantKeys(t).syncLock)) === 1).toBe(true),
        20_000,
        10,
      );

      server.child.kill('SIGTERM');
      await eventually(() => expect(request(server.port, 'GET', '/health')).rejects.toMatchObject({ code: 'ECONNREFUSED' }), 10_000, 50);
      sendTheRest();

      expect(await slow).toEqual({ status: 200, body: 'true' });
      const synced = await sync;
      expect(synced.status).toBe(200);
      expect(JSON.parse(synced.body)).toMatchObject({ ok: true, tenants: [{ tenantId: t, status: 'synced' }] });

      // Exit 0: not cut short by SHUTDOWN_TIMEOUT_MS, so the idle keep-alive connection (ten minutes
      // of keep-alive) was closed, not waited for.
      expect(await server.exited).toBe(0);
      expect(server.lines.map((l) => l.msg)).toEqual(
        expect.arrayContaining(['shutting down: no new requests, finishing those in flight and the running sync', 'stopped']),
      );
      agent.destroy();

      // What it acknowledged is stored, and it left no lease behind.
      expect((await reader.call('GET', `/${t}/order/${order.orderId}`)).body).toEqual(order);
      expect(await reader.redis.exists(tenantKeys(t).syncLock)).toBe(0);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  });
});
