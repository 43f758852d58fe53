/**
 * PUT /{tenantId}/orders replaces the whole set at once: readers running during the switch see the
 * old set or the new one, never a mix, and never the old one again once they saw the new; a sync
 * running at the same time neither delays the new set into a mix nor brings the old set back into
 * MongoDB. Expected figures come from the client-side model (support/figures-model.ts).
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archivedOrdersRaw, byOrderId } from './support/archive-raw.js';
import { articleOf, figuresOf, originListOf, originOf, type ModelOrder } from './support/figures-model.js';
import { newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';
import { expectFigures } from './support/model-check.js';
import { getFreePort } from './support/servers.js';

let writer: TestService;
/** Another instance, with its own Redis connection, for the readers. */
let reader: TestService;
/**
 * An instance whose MongoDB is unreachable: its PUT switches the set in Redis, then fails fast
 * on the archive ("pending"). FerretDB archives some 30 orders a second on a busy machine: a
 * few thousand would keep a PUT that writes them busy for minutes.
 */
let noArchive: TestService;
beforeAll(async () => {
  const settings = {
    // The PUT waits for a running sync of its tenant: on a busy machine FerretDB takes seconds.
    sync: { batchSize: 1000, retry: { attempts: 2, baseMs: 50, capMs: 100 }, replaceLockWaitMs: 60_000 },
  };
  const closedPort = await getFreePort();
  [writer, reader, noArchive] = await Promise.all([
    startTestService({ settings }),
    startTestService({ settings }),
    startTestService({
      settings: { sync: { ...settings.sync, retry: { attempts: 1, baseMs: 50, capMs: 100 } } },
      mongoUrl: `mongodb://127.0.0.1:${closedPort}/unreachable`,
    }),
  ]);
});
afterAll(() => Promise.all([writer?.close(), reader?.close(), noArchive?.close()]));

const ARTICLES = [newGuid(), newGuid(), newGuid()];

function setOf(t: number, count: number, codes: string[], seed: number, ids: string[] = []): ModelOrder[] {
  return Array.from({ length: count }, (_, i) => ({
    orderId: ids[i] ?? newGuid(),
    tenantId: t,
    lastUpdated: new Date(Date.UTC(2025, 0, 1) + (seed + i) * 1000).toISOString(),
    type: 'Order' as const,
    lines: [
      { code: codes[i % codes.length]!, artGuid: ARTICLES[i % 3]!, qty: 1 + ((i * seed) % 5) },
      { code: codes[(i + 1) % codes.length]!, artGuid: ARTICLES[(i + seed) % 3]!, qty: 1 + (seed % 3) },
    ],
  }));
}

describe('readers during a replacement', () => {
  it('see the old set or the new one, never a mix, and never the old one after the new', { timeout: 60_000 }, async () => {
    const t = newTenantId();
    const before = setOf(t, 400, ['R1', 'R2', 'R3'], 3);
    for (const order of before) expect((await reader.call('POST', `/${t}/order`, order)).status).toBe(200);
    // The new set keeps 200 of the old ids (redefined), drops 200, adds 2,800.
    const after = setOf(
      t,
      3000,
      ['R2', 'R3', 'R4'],
      7,
      before.slice(0, 200).map((o) => o.orderId),
    );
    const [oldFigures, newFigures] = [figuresOf(before), figuresOf(after)];
    const orderView = (orders: ModelOrder[], id: string) => orders.find((o) => o.orderId === id) ?? 404;
    const probes = [
      { path: `/${t}/stock-origins?limit=10000`, old: originListOf(oldFigures, 10_000), new: originListOf(newFigures, 10_000) },
      ...['R1', 'R2', 'R4'].map((code) => ({
        path: `/${t}/stock-origins/${code}`,
        old: originOf(oldFigures, code),
        new: originOf(newFigures, code),
      })),
      ...ARTICLES.map((a) => ({ path: `/${t}/articles/${a}`, old: articleOf(oldFigures, a), new: articleOf(newFigures, a) })),
      ...[before[0]!.orderId, before[300]!.orderId, after[2500]!.orderId].map((id) => ({
        path: `/${t}/order/${id}`,
        old: orderView(before, id),
        new: orderView(after, id),
      })),
    ];
    for (const probe of probes) expect(isDeepStrictEqual(probe.old, probe.new), probe.path).toBe(false);

    let putAnswered = false;
    let stop = false;
    const seen = { old: 0, new: 0, newBeforeAnswer: 0 };
    const wrong: string[] = [];
    const readLoop = async (api: TestService, first: () => void) => {
      let sawNew = false;
      while (!stop) {
        for (const probe of probes) {
          const res = await api.call('GET', probe.path);
          const body = res.status === 200 ? res.body : res.status;
          if (isDeepStrictEqual(body, probe.old)) {
            seen.old++;
            if (sawNew) wrong.push(`${probe.path}: the old set again after the new one`);
          } else if (isDeepStrictEqual(body, probe.new)) {
            seen.new++;
            sawNew = true;
            if (!putAnswered) seen.newBeforeAnswer++;
          } else {
            wrong.push(`${probe.path}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
          }
        }
        first();
      }
    };
    const started: Promise<void>[] = [];
    const loops = [reader, reader, noArchive].map((api) => {
      let ready = () => {};
      started.push(new Promise<void>((resolve) => (ready = resolve)));
      return readLoop(api, () => ready());
    });
    await Promise.all(started);

    const res = await noArchive.call('PUT', `/${t}/orders`, after);
    putAnswered = true;
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop = true;
    await Promise.all(loops);

    expect(wrong.slice(0, 20), `${wrong.length} reads neither old nor new`).toEqual([]);
    expect(res.body).toEqual({ orderCount: 3000, removedCount: 200, archive: 'pending' });
    // The readers did read across the switch: the old set before it, the new one before the PUT
    // answered (the archive is tried after the switch).
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.newBeforeAnswer).toBeGreaterThan(0);
    await expectFigures(reader, t, newFigures, { codes: ['R1', 'R2', 'R3', 'R4'], articles: ARTICLES });
  });
});

describe('a replacement and a sync of the same tenant at once', () => {
  async function expectExactly(t: number, orders: ModelOrder[], gone: ModelOrder[]) {
    for (const order of orders) expect((await reader.call('GET', `/${t}/order/${order.orderId}`)).body).toEqual(order);
    for (const order of gone) expect((await reader.call('GET', `/${t}/order/${order.orderId}`)).status).toBe(404);
    await expectFigures(reader, t, figuresOf(orders), { codes: ['S1', 'S2', 'S3', 'S4'], articles: ARTICLES });
  }

  it('a full sync running when the PUT arrives: Redis and then MongoDB hold exactly the new set', { timeout: 120_000 }, async () => {
    const t = newTenantId();
    // Written one by one, so that the first sync has them all to write.
    const before = setOf(t, 150, ['S1', 'S2', 'S3'], 5);
    for (const order of before) expect((await writer.call('POST', `/${t}/order`, order)).status).toBe(200);
    const after = setOf(
      t,
      120,
      ['S2', 'S3', 'S4'],
      11,
      before.slice(0, 50).map((o) => o.orderId),
    );

    const sync = writer.call('POST', '/admin/sync', { tenantId: t, full: true });
    // The sync is under way once MongoDB starts receiving the tenant's orders.
    const deadline = Date.now() + 30_000;
    while ((await writer.mongo.run((db) => db.collection('orders').countDocuments({ tenantId: t }))) === 0) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const [synced, replaced] = await Promise.all([sync, writer.call('PUT', `/${t}/orders`, after)]);
    expect(synced.body.tenants[0]).toMatchObject({ status: 'synced', mode: 'full' });
    expect(replaced.body).toEqual({ orderCount: 120, removedCount: 100, archive: 'written' });

    const gone = before.slice(50);
    await expectExactly(t, after, gone);
    expect(await archivedOrdersRaw(writer, t)).toEqual([...after].sort(byOrderId));
    // One more sync changes nothing, and leaves nothing pending.
    expect((await writer.call('POST', '/admin/sync', { tenantId: t })).body.tenants[0]).toMatchObject({ status: 'synced' });
    expect(await archivedOrdersRaw(writer, t)).toEqual([...after].sort(byOrderId));
    expect((await writer.call('GET', `/${t}/sync`)).body).toMatchObject({ pendingChanges: 0, mirrored: true });
    await expectExactly(t, after, gone);
  });

  it('a full sync asked while the PUT runs: skipped or run after it, never a mix', { timeout: 120_000 }, async () => {
    const t = newTenantId();
    const before = setOf(t, 60, ['S1', 'S2'], 13);
    for (const order of before) expect((await writer.call('POST', `/${t}/order`, order)).status).toBe(200);
    expect((await writer.call('POST', '/admin/sync', { tenantId: t })).body.tenants[0]).toMatchObject({
      status: 'synced',
      ordersWritten: 60,
    });
    const after = setOf(
      t,
      100,
      ['S3', 'S4'],
      17,
      before.slice(0, 20).map((o) => o.orderId),
    );

    const put = writer.call('PUT', `/${t}/orders`, after);
    // Through the other instance, shortly after the PUT began.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [replaced, synced] = await Promise.all([put, reader.call('POST', '/admin/sync', { tenantId: t, full: true })]);
    expect(replaced.body).toEqual({ orderCount: 100, removedCount: 40, archive: 'written' });
    const report = synced.body.tenants[0];
    if (report.status === 'skipped') expect(report.reason).toBe('another replica is syncing this tenant');
    else expect(report).toMatchObject({ status: 'synced', mode: 'full' });

    const gone = before.slice(20);
    await expectExactly(t, after, gone);
    expect((await writer.call('POST', '/admin/sync', { tenantId: t })).body.tenants[0]).toMatchObject({ status: 'synced' });
    expect(await archivedOrdersRaw(writer, t)).toEqual([...after].sort(byOrderId));
    expect((await writer.call('GET', `/${t}/sync`)).body).toMatchObject({ pendingChanges: 0, mirrored: true });
  });
});
