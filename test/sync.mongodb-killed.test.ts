/**
 * MongoDB killed (SIGKILL, not stopped or paused) in the middle of a sync loses nothing: once it
 * is back on the same data, the next sync leaves every order in MongoDB exactly as Redis serves
 * it, changes made meanwhile included, and nothing pending. Both kinds of pass are killed: the
 * tenant's first (full) one, then an incremental one. The test kills a MongoDB-wire server of its
 * own; it proves nothing more on a Redis Cluster (vitest.config.ts SINGLE_ONLY).
 */
import { Collection } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archivedOrdersRaw, byOrderId } from './support/archive-raw.js';
import { TenantModel, type ModelOrder } from './support/figures-model.js';
import { eventually, newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';
import { expectOrder } from './support/model-check.js';

let svc: TestService;
beforeAll(async () => {
  // Small steps, so that even a fast MongoDB is caught in the middle of a pass.
  svc = await startTestService({
    ownMongo: true,
    settings: { sync: { batchSize: 25, retry: { attempts: 2, baseMs: 50, capMs: 100 }, replaceLockWaitMs: 5000 } },
  });
  // Bulks of 25 on MongoDB as on FerretDB (1000 and 50 by default): every pass takes several.
  svc.mongo['batchSize'] = 25;
});
afterAll(() => svc?.close());

const ORDERS = 300;
const ARTICLES = [newGuid(), newGuid(), newGuid()];

function orderOf(t: number, orderId: string, second: number, i: number): ModelOrder {
  return {
    orderId,
    tenantId: t,
    lastUpdated: new Date(Date.UTC(2025, 0, 1) + second * 1000).toISOString(),
    ...(i % 4 === 0 ? { expiresAt: '2099-01-01T00:00:00.000Z' } : {}),
    type: i % 3 === 0 ? 'Cart' : 'Order',
    lines: [
      { code: `M${i % 5}`, artGuid: ARTICLES[i % 3]!, qty: 1 + (i % 7) },
      { code: `M${(i + 2) % 5}`, artGuid: ARTICLES[(i + 1) % 3]!, qty: 2 },
    ],
  };
}

async function inBatches<T>(items: T[], each: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += 50) await Promise.all(items.slice(i, i + 50).map(each));
}

const countArchived = (query: object) => svc.mongo.run((db) => db.collection('orders').countDocuments(query));

/**
 * Holds the archive's bulk writes of orders after the first `passed` ones: the pass stops there,
 * part-way, whatever the speed of the machine, until `release()`. (The driver's own method, held
 * in this process: MongoDB itself is real.)
 */
function holdArchiveWrites(passed: number) {
  const bulkWrite = Collection.prototype.bulkWrite;
  let calls = 0;
  let reached!: () => void;
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  Collection.prototype.bulkWrite = async function (this: Collection, ...args: Parameters<typeof bulkWrite>) {
    if (this.collectionName === 'orders') {
      calls += 1;
      if (calls > passed) {
        reached();
        await released;
      }
    }
    return bulkWrite.apply(this, args);
  } as typeof bulkWrite;
  return {
    reached: held,
    release() {
      Collection.prototype.bulkWrite = bulkWrite;
      release();
    },
  };
}

/**
 * Runs a sync of the tenant, kills MongoDB once two of its bulks are written (the third held
 * until then), and answers what was archived by then. The sync reports the tenant failed.
 */
async function killMidSync(t: number, started: () => Promise<number>, total: number): Promise<number> {
  const gate = holdArchiveWrites(2);
  const run = svc.call('POST', '/admin/sync', { tenantId: t });
  await gate.reached;
  const written = await started();
  await svc.mongoServer!.kill();
  gate.release();
  // Killed part-way: some of the pass, not all of it, had reached MongoDB.
  expect(written, `killed at ${written} of ${total}`).toBeGreaterThan(0);
  expect(written, `killed at ${written} of ${total}`).toBeLessThan(total);
  const report = (await run).body;
  expect(report).toMatchObject({ ok: false, tenants: [{ tenantId: t, status: 'failed' }] });
  return written;
}

/** MongoDB back on the same data dir and port; a sync then succeeds, and MongoDB is Redis's copy. */
async function restartAndSync(t: number, model: TenantModel) {
  await svc.mongoServer!.start();
  await eventually(async () => expect((await svc.call('POST', '/admin/sync', { tenantId: t })).body.ok).toBe(true), 30_000, 250);
  const live = model.liveOrders(Date.now()).sort(byOrderId);
  for (const order of live) await expectOrder(svc, t, order.orderId, order);
  expect(await archivedOrdersRaw(svc, t)).toEqual(live);
  expect((await svc.call('GET', `/${t}/sync`)).body).toMatchObject({ pendingChanges: 0, mirrored: true });
}

describe('MongoDB killed in the middle of a sync', () => {
  it('loses nothing of a full pass, nor of an incremental one, nor of the writes made meanwhile', { timeout: 180_000 }, async () => {
    const t = newTenantId();
    const model = new TenantModel(t);
    const ids = Array.from({ length: ORDERS }, () => newGuid());
    await inBatches([...ids.entries()], async ([i, id]) => {
      const order = orderOf(t, id, 0, i);
      model.upsert(order, Date.now());
      expect((await svc.call('POST', `/${t}/order`, order)).status).toBe(200);
    });

    // The tenant's first sync is a full pass.
    await killMidSync(t, () => countArchived({ tenantId: t }), ORDERS);
    // Storefronts go on while MongoDB is down: redefinitions, deletes, shipments, new orders.
    const writes = async (at: number, slice: (from: number, to: number) => string[]) => {
      const now = Date.now();
      await inBatches(slice(0, 40), async (id) => {
        const order = orderOf(t, id, at, 1);
        model.upsert(order, now);
        expect((await svc.call('POST', `/${t}/order`, order)).body).toBe(false);
      });
      await inBatches(slice(40, 70), async (id) => {
        model.delete(id, now);
        expect((await svc.call('DELETE', `/${t}/order/byid/${id}`)).body).toBe(true);
      });
      await inBatches(slice(70, 100), async (id) => {
        model.deleteLinesAt(id, 'M1', now);
        await svc.call('DELETE', `/${t}/order/byid/${id}/code/M1`);
      });
      await inBatches([newGuid(), newGuid(), newGuid()], async (id) => {
        const order = orderOf(t, id, at, 2);
        model.upsert(order, now);
        expect((await svc.call('POST', `/${t}/order`, order)).body).toBe(true);
      });
    };
    await writes(10, (from, to) => ids.slice(from, to));
    await restartAndSync(t, model);

    // An incremental pass over 200 redefined orders, killed once some of them reached MongoDB.
    const redefined = ids.slice(100);
    const second = 20;
    await inBatches([...redefined.entries()], async ([i, id]) => {
      const order = orderOf(t, id, second, i + 1);
      model.upsert(order, Date.now());
      expect((await svc.call('POST', `/${t}/order`, order)).status).toBe(200);
    });
    const newLastUpdated = new Date(Date.UTC(2025, 0, 1) + second * 1000);
    await killMidSync(t, () => countArchived({ tenantId: t, lastUpdated: newLastUpdated }), redefined.length);
    await writes(30, (from, to) => redefined.slice(from, to));
    await restartAndSync(t, model);
  });
});
