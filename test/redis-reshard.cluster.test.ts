import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantKeys } from '../src/repositories/keys.js';
import { figuresOf } from './support/figures-model.js';
import { eventually, newGuid, newTenantId, sleep, startTestService, type TestService } from './support/harness.js';
import { expectFigures } from './support/model-check.js';
import { clientWrites, type PossibleVersions, readBack } from './support/possible-versions.js';
import { startRedisCluster, type RedisClusterHandle } from './support/servers.js';

const CLIENTS = 12;

let cluster: RedisClusterHandle;
let svc: TestService;

beforeAll(async () => {
  cluster = await startRedisCluster({ masters: 3 });
  svc = await startTestService({ redisClusterNodes: cluster.nodes, redisCommandTimeoutMs: 2000 });
});
afterAll(async () => {
  await svc?.close();
  await cluster?.destroy();
});

interface Node {
  id: string;
  port: number;
  slots: string[];
}

async function clusterNodes(probe: Redis): Promise<Node[]> {
  return String(await probe.call('CLUSTER', 'NODES'))
    .trim()
    .split('\n')
    .map((line) => line.split(' '))
    .filter((l) => l[2]!.includes('master'))
    .map((l) => ({ id: l[0]!, port: Number(l[1]!.split('@')[0]!.split(':')[1]), slots: l.slice(8) }));
}

const holds = (node: Node, slot: number) =>
  node.slots.some((range) => {
    const [from, to = from] = range.split('-').map(Number);
    return slot >= from! && slot <= to!;
  });

/** Moves `slot` from its master to another, a few keys at a time, as an operator's reshard does. */
async function moveSlot(slot: number, pace: () => Promise<void>): Promise<number> {
  const probe = new Redis(cluster.masters[0]!.url);
  try {
    const nodes = await clusterNodes(probe);
    const source = nodes.find((n) => holds(n, slot))!;
    const target = nodes.find((n) => n !== source)!;
    const on = (node: Node) => new Redis(node.port, '127.0.0.1');
    const [src, dst] = [on(source), on(target)];
    try {
      await dst.call('CLUSTER', 'SETSLOT', slot, 'IMPORTING', source.id);
      await src.call('CLUSTER', 'SETSLOT', slot, 'MIGRATING', target.id);
      for (;;) {
        const keys = (await src.call('CLUSTER', 'GETKEYSINSLOT', slot, 5)) as string[];
        if (keys.length === 0) break;
        await src.call('MIGRATE', '127.0.0.1', target.port, '', 0, 5000, 'KEYS', ...keys);
        await pace();
      }
      for (const node of nodes) {
        const connection = on(node);
        await connection.call('CLUSTER', 'SETSLOT', slot, 'NODE', target.id).finally(() => connection.disconnect());
      }
      return target.port;
    } finally {
      src.disconnect();
      dst.disconnect();
    }
  } finally {
    probe.disconnect();
  }
}

const CODES = ['R1', 'R2', 'R3'];
const ARTICLES = [newGuid(), newGuid(), newGuid()];

describe('a tenant slot moved to another master under load', () => {
  it('loses and doubles no write, figures exact', { timeout: 90_000 }, async () => {
    const t = newTenantId();
    const probe = new Redis(cluster.masters[0]!.url);
    const slot = Number(await probe.call('CLUSTER', 'KEYSLOT', tenantKeys(t).generation('0').orders));
    probe.disconnect();
    const model: PossibleVersions = new Map();
    const statuses = new Map<string, number>();
    let writes = 0;
    let stop = false;
    let version = 0;
    const client = async (c: number) => {
      const next = clientWrites(t, c, { ownOrders: 3, codes: CODES, articles: ARTICLES, model, nextVersion: () => ++version });
      while (!stop) {
        const order = next();
        const id = order.orderId;
        const res = await svc.call('POST', `/${t}/order`, order);
        writes += 1;
        const code = res.status === 200 ? '200' : `${res.status} ${res.body?.error?.code}`;
        statuses.set(code, (statuses.get(code) ?? 0) + 1);
        if (res.status === 200) model.set(id, [order]);
        else {
          expect(res.status, JSON.stringify(res.body)).toBe(503);
          model.get(id)!.push(order);
          await sleep(10);
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
    await eventually(() => expect(writes).toBeGreaterThan(5 * CLIENTS), 30_000, 20);
    // A few keys per step, writes going on between the steps.
    const targetPort = await moveSlot(slot, async () => {
      const at = writes;
      await eventually(() => expect(writes).toBeGreaterThan(at + 2), 10_000, 5);
    });
    const at = writes;
    await eventually(() => expect(writes).toBeGreaterThan(at + 5 * CLIENTS), 30_000, 20);
    stop = true;
    await Promise.all(clients);

    if (process.env.RESERVOIR_TEST_VERBOSE === '1') console.log(JSON.stringify([...statuses]), model.size);
    const { lost, stored } = await readBack(svc, t, model);
    expect(lost, `writes lost or doubled while resharding; answers: ${JSON.stringify([...statuses])}`).toEqual([]);
    expect(statuses.get('200')).toBeGreaterThan(10 * CLIENTS);
    await expectFigures(svc, t, figuresOf(stored), { codes: CODES, articles: ARTICLES });
    // The tenant lives on the new master now.
    const onTarget = new Redis(targetPort, '127.0.0.1');
    expect(await onTarget.call('CLUSTER', 'COUNTKEYSINSLOT', slot)).toBeGreaterThan(0);
    onTarget.disconnect();
  });
});
