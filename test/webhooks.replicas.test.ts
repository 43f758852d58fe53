/**
 * Webhook deliveries across real service processes (test/support/replicas.ts) sharing one Redis
 * (or Redis Cluster) and one MongoDB: every event is delivered exactly once when all goes well,
 * by one replica at a time; a replica killed in the middle of an attempt, or stopped and
 * restarted, loses no delivery. The tests run in order, each ending with the replicas the next
 * one starts from.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readSse, streamIds } from './support/events.js';
import {
  ADMIN_KEY,
  eventually,
  makeOrder,
  newTenantId,
  sleep,
  startTestService,
  withDatabase,
  type TestService,
} from './support/harness.js';
import { startReceiver, verifyWebhook, type Receiver } from './support/receiver.js';
import { startReplicas, type Replica, type ReplicaSet } from './support/replicas.js';
import { startRedisCluster, startRedisServer, type RedisClusterHandle, type RedisServerHandle } from './support/servers.js';

const TIMEOUT_MS = 1500;

let redisServer: RedisServerHandle | undefined;
let redisCluster: RedisClusterHandle | undefined;
let set: ReplicaSet;
/** In-process service on the same Redis and MongoDB (its dispatcher is not started): writes while no replica runs, reads state. */
let observer: TestService;
let receiver: Receiver;
let tenantId: number;
let endpoint: { id: string; secret: string };
/** The replica running now (the last one started). */
let live: Replica;

beforeAll(async () => {
  const onCluster = Boolean(inject('redisClusterNodes'));
  if (onCluster) redisCluster = await startRedisCluster();
  else redisServer = await startRedisServer({ appendonly: false });
  const redis = redisCluster ? { redisClusterNodes: redisCluster.nodes } : { redisUrl: redisServer!.url };
  const mongoUrl = withDatabase(inject('mongoUrl'), `reservoir_webhooks_${randomUUID().slice(0, 8)}`);
  receiver = await startReceiver();
  set = await startReplicas(3, {
    redis,
    mongoUrl,
    env: {
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
      WEBHOOK_RETRY_SCHEDULE: '0s,500ms,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s',
    },
  });
  observer = await startTestService({ ...redis, mongoUrl });
  tenantId = newTenantId();
  const created = await set.replicas[0]!.call('POST', `/${tenantId}/webhooks`, { url: receiver.url, events: ['order.created'] });
  expect(created.status).toBe(201);
  endpoint = created.body;
}, 180_000);

afterAll(async () => {
  await set?.close();
  await receiver?.close();
  await observer?.mongo.run((db) => db.dropDatabase()).catch(() => {});
  await observer?.close();
  await redisServer?.destroy();
  await redisCluster?.destroy();
});

const webhookId = (eventId: string) => `evt_${tenantId}_${eventId}`;
const requestsFor = (eventId: string) => receiver.requests.filter((r) => r.headers['webhook-id'] === webhookId(eventId));
/** Writes an order through `via` (its event: order.created); answers the event's id. */
async function postOrder(via: { call: (method: string, path: string, body?: unknown) => Promise<{ status: number }> }): Promise<string> {
  expect((await via.call('POST', `/${tenantId}/order`, makeOrder(tenantId))).status).toBe(200);
  return (await streamIds(observer.redis, tenantId)).at(-1)!;
}

async function delivery(eventId: string) {
  return (await observer.call('GET', `/${tenantId}/webhooks/${endpoint.id}/deliveries/${eventId}`)).body;
}

describe('webhooks across replicas', () => {
  it('delivers each event exactly once, one replica at a time', async () => {
    receiver.answer = () => ({ status: 200, delayMs: 30 });
    // Written through every replica in turn.
    const before = (await streamIds(observer.redis, tenantId)).at(-1);
    await Promise.all(Array.from({ length: 60 }, (_, i) => set.replicas[i % 3]!.call('POST', `/${tenantId}/order`, makeOrder(tenantId))));
    const ids = await streamIds(observer.redis, tenantId, before);
    expect(ids).toHaveLength(60);
    await eventually(() => expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(60), 30_000);
    await sleep(1000);
    expect(receiver.requests).toHaveLength(60);
    for (const id of ids) {
      expect(requestsFor(id)).toHaveLength(1);
      expect(receiver.maxConcurrent.get(webhookId(id))).toBe(1);
    }
    expect(receiver.requests.every((r) => verifyWebhook(endpoint.secret, r.headers, r.body))).toBe(true);
    // Each replica counts what it delivered: 60 in all, none taken over.
    let delivered = 0;
    let lost = 0;
    for (const replica of set.replicas) {
      const text = (await replica.call<string>('GET', '/metrics')).body;
      delivered += Number(/reservoir_webhook_deliveries_total\{outcome="delivered"\} (\d+)/.exec(text)?.[1] ?? 0);
      lost += Number(/reservoir_webhook_deliveries_total\{outcome="lost"\} (\d+)/.exec(text)?.[1] ?? 0);
    }
    expect({ delivered, lost }).toEqual({ delivered: 60, lost: 0 });
    const page = (await observer.call('GET', `/${tenantId}/webhooks/${endpoint.id}/deliveries?status=delivered&limit=100`)).body;
    expect(page.deliveries).toHaveLength(60);
    expect(page.deliveries.every((d: any) => d.attempts === 1)).toBe(true);
  });

  it('loses no delivery when the replica attempting it is killed: another takes it over after its lease', async () => {
    // One replica left, so that the one attempting is known.
    await Promise.all([set.replicas[1]!.stop(), set.replicas[2]!.stop()]);
    const victim = set.replicas[0]!;
    receiver.answer = () => ({ hang: true });
    const postedAt = Date.now(); // the victim claims the delivery after this
    const eventId = await postOrder(victim);
    await eventually(() => expect(requestsFor(eventId)).toHaveLength(1), 10_000);
    await victim.kill();
    // Appended while no replica runs: waits in Redis.
    const whileDown = await postOrder(observer);
    receiver.answer = () => ({ status: 200 });
    live = await set.add();
    await eventually(async () => expect(await delivery(eventId)).toMatchObject({ status: 'delivered' }), 20_000);
    await eventually(async () => expect(await delivery(whileDown)).toMatchObject({ status: 'delivered' }), 10_000);
    const attempts = requestsFor(eventId);
    expect(attempts).toHaveLength(2);
    // Taken over only once the dead replica's lease ended (2 x timeout + 2 s after its claim).
    expect(attempts[1]!.receivedAt - postedAt).toBeGreaterThanOrEqual(2 * TIMEOUT_MS + 2000);
    expect(attempts.every((r) => verifyWebhook(endpoint.secret, r.headers, r.body))).toBe(true);
    expect(JSON.parse(attempts[1]!.body)).toEqual(JSON.parse(attempts[0]!.body));
    // The dead replica's attempt was never recorded; the new one's was.
    expect((await delivery(eventId)).attempts).toBe(1);
    expect(requestsFor(whileDown)).toHaveLength(1);
  });

  it('loses no delivery across a restart: pending ones are attempted by the replica that comes next', async () => {
    receiver.answer = () => ({ status: 503 });
    const failing = await postOrder(live);
    await eventually(async () => expect((await delivery(failing)).attempts).toBeGreaterThanOrEqual(1), 10_000);
    expect((await delivery(failing)).status).toBe('pending');
    // An open event stream does not hold the shutdown up: it ends, and the replica stops cleanly.
    const stream = await readSse(
      await fetch(`${live.url}/${tenantId}/events/stream`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } }),
    );
    expect(stream.status).toBe(200);
    await live.stop();
    await expect(stream.next(2000)).rejects.toThrow(/the stream ended/);
    expect(live.log()).toMatch(/"msg":"stopped"/);
    expect(live.log()).not.toMatch(/shutdown took too long/);
    const whileStopped = await postOrder(observer);
    receiver.answer = () => ({ status: 200 });
    live = await set.add();
    await eventually(async () => expect(await delivery(failing)).toMatchObject({ status: 'delivered', lastStatusCode: 200 }), 20_000);
    await eventually(async () => expect(await delivery(whileStopped)).toMatchObject({ status: 'delivered', attempts: 1 }), 10_000);
    expect(requestsFor(failing).at(-1)!.headers['webhook-id']).toBe(webhookId(failing));
    expect(requestsFor(whileStopped)).toHaveLength(1);
  });
});
