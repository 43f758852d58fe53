/**
 * REDIS_WAIT_REPLICAS: a write is answered only once the required replicas hold it. A Redis master
 * with one replica of its own (REPLICAOF); the replica hangs (SIGSTOP): writes answer 503
 * NOT_REPLICATED within REDIS_WAIT_TIMEOUT_MS, the write standing on the master and a retry with the
 * same Idempotency-Key answered from its record; reads go on unslowed. Writes made by plain
 * commands (a tenant's configuration, its quotas, an API key's revocation) wait as scripts do.
 * Starts its own servers
 * (vitest.config.ts SINGLE_ONLY; the Cluster's replicas are in redis-failover.cluster.test.ts).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantKeys } from '../src/repositories/keys.js';
import { eventually, makeOrder, newTenantId, startTestService, type TestService } from './support/harness.js';
import { startRedisServer, type RedisServerHandle } from './support/servers.js';

let master: RedisServerHandle;
let replica: RedisServerHandle;
let onReplica: Redis;
let svc: TestService;
let noWait: TestService;
/** Waits long for the replica: its writes are still waiting while the test reads. */
let slowSvc: TestService;
let onMaster: Redis;

const WAIT_TIMEOUT_MS = 100;

beforeAll(async () => {
  [master, replica] = await Promise.all([startRedisServer({ appendonly: false }), startRedisServer({ appendonly: false })]);
  onReplica = new Redis(replica.url);
  await onReplica.replicaof('127.0.0.1', master.port);
  await eventually(async () => expect(await onReplica.info('replication')).toMatch(/master_link_status:up/), 20_000);
  svc = await startTestService({ redisUrl: master.url, redisWaitReplicas: 1, redisWaitTimeoutMs: WAIT_TIMEOUT_MS });
  noWait = await startTestService({ redisUrl: master.url });
  slowSvc = await startTestService({ redisUrl: master.url, redisWaitReplicas: 1, redisWaitTimeoutMs: 3000 });
  onMaster = new Redis(master.url);
});
afterAll(async () => {
  replica?.resume();
  onReplica?.disconnect();
  await svc?.close();
  await noWait?.close();
  await slowSvc?.close();
  onMaster?.disconnect();
  await Promise.all([master?.destroy(), replica?.destroy()]);
});

const storedOnReplica = async (t: number, orderId: string) => onReplica.hexists(tenantKeys(t).generation('0').orders, orderId);

describe('REDIS_WAIT_REPLICAS=1', () => {
  it('answers a write once the replica holds it', async () => {
    const t = newTenantId();
    const order = makeOrder(t);
    const res = await svc.call('POST', `/${t}/order`, order);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toBe(true);
    // No waiting here: the answer came after the replica had it.
    expect(await storedOnReplica(t, order.orderId)).toBe(1);
  });

  it('answers 503 NOT_REPLICATED while the replica does not acknowledge, then the key replays the write', async () => {
    const t = newTenantId();
    const order = makeOrder(t);
    const key = `wait-${order.orderId}`;
    expect((await svc.call('POST', `/${t}/order`, makeOrder(t))).status).toBe(200);
    replica.pause();
    try {
      const started = Date.now();
      const res = await svc.call('POST', `/${t}/order`, order, { headers: { 'Idempotency-Key': key } });
      const tookMs = Date.now() - started;
      expect(res.status, JSON.stringify(res.body)).toBe(503);
      expect(res.body).toMatchObject({
        error: { code: 'NOT_REPLICATED', details: { requiredReplicas: 1, acknowledgedReplicas: 0 } },
      });
      expect(res.headers.get('retry-after')).toBe('1');
      // Fast: the command timeout is 10 s; the wait is bounded by REDIS_WAIT_TIMEOUT_MS.
      expect(tookMs).toBeLessThan(5000);
      // The write stands on the master (WAIT cannot undo it), and reads go on.
      const read = await svc.call('GET', `/${t}/order/${order.orderId}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(order);
      // A read is not held behind a write that waits: the wait has a connection of its own.
      const slowTenant = newTenantId();
      const slow = makeOrder(slowTenant);
      let writeDone = false;
      const write = slowSvc.call('POST', `/${slowTenant}/order`, slow).then((r) => {
        writeDone = true;
        return r;
      });
      await eventually(
        async () => expect(await onMaster.hexists(tenantKeys(slowTenant).generation('0').orders, slow.orderId)).toBe(1),
        10_000,
        5,
      );
      expect((await slowSvc.call('GET', `/${t}/order/${order.orderId}`)).status).toBe(200);
      expect(writeDone).toBe(false);
      expect((await write).body).toMatchObject({ error: { code: 'NOT_REPLICATED' } });
      // The service that does not wait answers writes as before.
      expect((await noWait.call('POST', `/${t}/order`, makeOrder(t))).body).toBe(true);
    } finally {
      replica.resume();
    }
    const retry = await svc.call('POST', `/${t}/order`, order, { headers: { 'Idempotency-Key': key } });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.body).toBe(true);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await storedOnReplica(t, order.orderId)).toBe(1);
  });

  it('waits after writes made by plain commands too: a configuration, quotas, a revoked API key', async () => {
    const t = newTenantId();
    const key = await svc.call('POST', `/admin/tenants/${t}/api-keys`);
    expect(key.status, JSON.stringify(key.body)).toBe(201);
    const notReplicated = (res: { status: number; body: unknown }, what: string) => {
      expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(503);
      expect(res.body, what).toMatchObject({
        error: { code: 'NOT_REPLICATED', details: { requiredReplicas: 1, acknowledgedReplicas: 0 } },
      });
    };
    replica.pause();
    try {
      notReplicated(await svc.call('PUT', `/${t}/config`, { enableInternalOrderSync: false, reservationPolicy: 'if-available' }), 'config');
      notReplicated(await svc.call('PUT', `/admin/tenants/${t}/quotas`, { orders: 3 }), 'quotas');
      notReplicated(await svc.call('DELETE', `/admin/tenants/${t}/api-keys/${key.body.id}`), 'revocation');
      // Each write stands on the master (WAIT cannot undo it)...
      expect(JSON.parse((await onMaster.get(tenantKeys(t).config))!)).toMatchObject({ reservationPolicy: 'if-available' });
      expect(await onMaster.hget(tenantKeys(t).quotas, 'orders')).toBe('3');
      // ...and reads are not waited for.
      const started = Date.now();
      const quotas = await svc.call('GET', `/admin/tenants/${t}/quotas`);
      expect(quotas.status).toBe(200);
      expect(quotas.body.quotas.orders).toBe(3);
      expect((await svc.call('GET', `/${t}/config`)).status).toBe(200);
      // Reads made by scripts are not waited for either (a read followed by a WAIT would answer 503 here).
      expect((await svc.call('GET', `/${t}/stock`)).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(WAIT_TIMEOUT_MS * 10);
      // The service that does not wait answers the same write at once.
      expect((await noWait.call('PUT', `/admin/tenants/${t}/quotas`, { orders: 4 })).status).toBe(200);
    } finally {
      replica.resume();
    }
    // The replica back: the same writes are answered once it holds them.
    await eventually(async () => expect((await svc.call('PUT', `/admin/tenants/${t}/quotas`, { orders: 5 })).status).toBe(200), 10_000);
    expect(await onReplica.hget(tenantKeys(t).quotas, 'orders')).toBe('5');
    expect((await svc.call('DELETE', `/admin/tenants/${t}/api-keys/${key.body.id}`)).status).toBe(204);
  });
});
