/**
 * What only a Redis Cluster can show (this file runs in the `cluster` project only): each tenant's
 * keys share one hash slot, so every script runs on one shard although it derives key names from
 * the tenant prefix; tenants spread over the shards; one shard that restarts empty costs only
 * its own tenants, which come back from MongoDB.
 */
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TENANT_REGISTRY_KEYS, TENANTS_KEY, tenantKeys, tenantPrefix } from '../src/repositories/keys.js';
import { archivedOrders, liveOrders } from './support/archive.js';
import { eventually, makeOrder, newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

function cluster(s: TestService): Cluster {
  if (!(s.redis instanceof Cluster)) throw new Error('this file runs in the cluster project only');
  return s.redis;
}

/** Every key of the tenant, from every master, with the master it was found on. */
async function tenantKeysOnMasters(s: TestService, tenantId: number): Promise<{ key: string; node: string }[]> {
  const found: { key: string; node: string }[] = [];
  for (const node of cluster(s).nodes('master')) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${tenantPrefix(tenantId).replace(/[{}]/g, '\\$&')}*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) found.push({ key, node: `${node.options.host}:${node.options.port}` });
    } while (cursor !== '0');
  }
  return found;
}

describe('on a Redis Cluster', () => {
  it('runs on three masters', async () => {
    expect(cluster(svc).nodes('master')).toHaveLength(3);
    const info = await cluster(svc).cluster('INFO');
    expect(info).toContain('cluster_state:ok');
  });

  it('keeps every key of a tenant in one slot, whatever the scripts wrote', async () => {
    const t = newTenantId();
    const art = newGuid();
    const orders = Array.from({ length: 6 }, (_, i) =>
      makeOrder(t, {
        type: i % 2 ? 'Cart' : 'Order',
        expiresAt: i % 2 ? new Date(Date.now() + 60_000).toISOString() : undefined,
        lines: [{ code: `O${i % 3}`, artGuid: art, qty: i + 1 }],
      }),
    );
    for (const o of orders) expect((await svc.call('POST', `/${t}/order`, o)).status).toBeLessThan(300);
    await svc.call('DELETE', `/${t}/order/byid/${orders[0]!.orderId}/code/O0`);
    await svc.call('PUT', `/${t}/config`, { enableInternalOrderSync: true });
    expect((await svc.call('POST', '/admin/sync', { tenantId: t })).body.tenants[0].status).toBe('synced');
    expect((await svc.call('PUT', `/${t}/orders`, orders.slice(2))).status).toBe(200);
    await svc.services.replacer.collectGarbage(t);

    const keys = await tenantKeysOnMasters(svc, t);
    // orders, expiries, figures per origin and article, change log, config, markers...
    expect(keys.length).toBeGreaterThan(8);
    const slots = new Set(await Promise.all(keys.map(({ key }) => cluster(svc).cluster('KEYSLOT', key))));
    expect([...slots]).toEqual([await cluster(svc).cluster('KEYSLOT', tenantKeys(t).gen)]);
    expect(new Set(keys.map((k) => k.node)).size).toBe(1);
    // and the scripts computed the figures right on that shard
    expect((await svc.call('GET', `/${t}/articles/${art}`)).body.reservedQty).toBe(3 + 4 + 5 + 6);
  });

  it('keeps the copies of the tenant registry on different masters', async () => {
    const slots = await Promise.all(TENANT_REGISTRY_KEYS.map((key) => cluster(svc).cluster('KEYSLOT', key)));
    const ranges = await cluster(svc).cluster('SLOTS');
    const owners = slots.map((slot) => ranges.find(([from, to]) => slot >= from && slot <= to)![2]![1]);
    expect(new Set(owners).size).toBe(3);
  });

  it('spreads tenants over every master', async () => {
    const tenants = Array.from({ length: 30 }, newTenantId);
    for (const t of tenants) await svc.call('POST', `/${t}/order`, makeOrder(t));
    const owners = new Set<string>();
    for (const t of tenants) {
      const [found] = await tenantKeysOnMasters(svc, t);
      owners.add(found!.node);
    }
    expect(owners.size).toBe(3);
  });
});

describe('when one master restarts empty', () => {
  let own: TestService;
  beforeAll(async () => {
    // The shards of this test's own cluster are stopped: it must not be the suite's.
    own = await startTestService({ ownRedis: true });
  });
  afterAll(() => own.close());

  it("loses only that shard's tenants, and they come back from MongoDB", async () => {
    // The master serving the first copy of the tenant registry will die without persistence and
    // come back empty. Three tenants live on it, three elsewhere.
    const slots = await cluster(own).cluster('SLOTS');
    const portOf = (slot: number) => slots.find(([from, to]) => slot >= from && slot <= to)![2]![1];
    const victimPort = portOf(await cluster(own).cluster('KEYSLOT', TENANTS_KEY));
    const onVictim: number[] = [];
    const elsewhere: number[] = [];
    while (onVictim.length < 3 || elsewhere.length < 3) {
      const t = newTenantId();
      const side = portOf(await cluster(own).cluster('KEYSLOT', tenantKeys(t).gen)) === victimPort ? onVictim : elsewhere;
      if (side.length < 3) side.push(t);
    }
    const tenants = [...onVictim, ...elsewhere];
    for (const t of tenants) {
      for (let i = 0; i < 3; i++) await own.call('POST', `/${t}/order`, makeOrder(t));
      expect((await own.call('POST', '/admin/sync', { tenantId: t })).body.tenants[0].status).toBe('synced');
    }
    const before = new Map(await Promise.all(tenants.map(async (t) => [t, await liveOrders(own, t)] as const)));

    const victim = own.redisCluster!.masters.find((m) => m.port === victimPort)!;
    await victim.kill();
    await victim.start();
    await eventually(
      async () => {
        expect(await cluster(own).cluster('INFO')).toContain('cluster_state:ok');
        expect(await own.redis.scard(TENANTS_KEY)).toBe(0);
      },
      20_000,
      200,
    );
    const lost = [];
    for (const t of tenants) if ((await liveOrders(own, t)).length === 0) lost.push(t);
    expect(lost).toEqual(onVictim);
    // The other copies of the registry still list every tenant: the sweeper and the sync miss none.
    expect(await own.services.tenants.listTenants()).toEqual(expect.arrayContaining(tenants));

    const reports = (await own.call('POST', '/admin/restore', {})).body.tenants;
    for (const t of tenants) {
      expect(reports.find((r: any) => r.tenantId === t)).toMatchObject(
        lost.includes(t) ? { status: 'restored', ordersRestored: 3 } : { status: 'skipped' },
      );
      expect(await liveOrders(own, t)).toEqual(before.get(t));
      expect(await archivedOrders(own, t)).toEqual(before.get(t));
    }
    // The lost copy of the registry is whole again.
    expect((await own.redis.smembers(TENANTS_KEY)).map(Number)).toEqual(expect.arrayContaining(lost));
  });
});
