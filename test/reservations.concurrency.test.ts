import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../src/domain/order.js';
import { computeReservations, rankStockOrigins } from '../src/domain/reservation.js';
import { articleWithoutCapacities, makeOrder, newGuid, newTenantId, startTestService, withoutCapacity, type TestService } from './support/harness.js';

/** Three service instances, each with its own Redis connection, writing to the same tenant. */
let replicas: TestService[];
beforeAll(async () => {
  replicas = await Promise.all([startTestService(), startTestService(), startTestService()]);
});
afterAll(() => Promise.all(replicas.map((r) => r.close())));

const CODES = ['FRA:MAG:0001', 'FRA:MAG:0002', 'BEL:ENT:0003', 'ESP:TDA:0004'];
const ARTICLES = Array.from({ length: 5 }, () => newGuid());
const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;

function randomLines() {
  return Array.from({ length: 1 + Math.floor(Math.random() * 4) }, () => ({
    code: pick(CODES),
    artGuid: pick(ARTICLES),
    qty: 1 + Math.floor(Math.random() * 9),
  }));
}

async function storedOrders(svc: TestService, tenantId: number): Promise<Order[]> {
  const all: Order[] = [];
  for await (const batch of svc.services.store.scanOrders(tenantId, 500, Date.now())) all.push(...batch);
  return all;
}

describe('reservation figures under concurrent writes', () => {
  it('always equal what the stored orders add up to, whatever the interleaving', async () => {
    const t = newTenantId();
    const orderIds = Array.from({ length: 12 }, () => newGuid());
    const statuses = new Map<number, number>();
    const operation = (i: number) => async () => {
      const svc = replicas[i % replicas.length]!;
      const orderId = pick(orderIds);
      const roll = Math.random();
      let status: number;
      if (roll < 0.55) {
        // lastUpdated moves forward on most writes and backward on some: those are refused (409)
        const lastUpdated = new Date(Date.UTC(2025, 0, 1) + Math.floor(Math.random() * 1000) * 1000).toISOString();
        status = (await svc.call('POST', `/${t}/order`, makeOrder(t, { orderId, lastUpdated, lines: randomLines() }))).status;
      } else if (roll < 0.8) {
        status = (await svc.call('DELETE', `/${t}/order/byid/${orderId}/code/${encodeURIComponent(pick(CODES))}`)).status;
      } else if (roll < 0.97 || i >= 300) {
        status = (await svc.call('DELETE', `/${t}/order/byid/${orderId}`)).status;
      } else {
        const set = orderIds.slice(0, 4).map((id) => makeOrder(t, { orderId: id, lastUpdated: '2025-01-01T00:00:00.000Z', lines: randomLines() }));
        status = (await svc.call('PUT', `/${t}/orders`, set)).status;
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    };

    // 24 operations in flight at any time, spread over the three instances. The first half mixes
    // in whole-set replacements; the second half, run once they are all done, only upserts and
    // deletes, so the end state depends on decrements applied over what the replacements built.
    const runAll = async (indexes: number[]) => {
      const queue = indexes.map(operation);
      await Promise.all(
        Array.from({ length: 24 }, async () => {
          for (let op = queue.shift(); op; op = queue.shift()) await op();
        }),
      );
    };
    await runAll(Array.from({ length: 300 }, (_, i) => i));
    await runAll(Array.from({ length: 300 }, (_, i) => 300 + i));

    expect([...statuses.keys()].every((s) => s === 200 || s === 409)).toBe(true);
    expect(statuses.get(409) ?? 0).toBeGreaterThan(0);

    const svc = replicas[0]!;
    const expected = computeReservations(await storedOrders(svc, t));
    const listed = (await svc.call('GET', `/${t}/stock-origins`)).body;
    expect(listed.origins).toEqual(
      rankStockOrigins([...expected.origins.values()].map(({ articles: _, ...totals }) => ({ ...totals, capacity: null, saturation: null }))),
    );
    expect(listed.total).toBe(expected.origins.size);
    for (const code of CODES) {
      const want = withoutCapacity(expected.origins.get(code) ?? { code, reservedQty: 0, lineCount: 0, orderCount: 0, articles: [] });
      expect((await svc.call('GET', `/${t}/stock-origins/${encodeURIComponent(code)}`)).body).toEqual(want);
    }
    for (const artGuid of ARTICLES) {
      const want = articleWithoutCapacities(expected.articles.get(artGuid) ?? { artGuid, reservedQty: 0, origins: [] });
      expect((await svc.call('GET', `/${t}/articles/${artGuid}`)).body).toEqual(want);
    }
  });
});
