/**
 * Durability is set where the address is: the write concern (and read preference, replica set
 * name...) in MONGO_URL reaches every archive write, e.g. `?replicaSet=rs0&w=majority&journal=true`
 * on a replica set. FerretDB (the tests' MongoDB-wire server) accepts and ignores them; MongoDB
 * applies them.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { archivedOrders, liveOrders } from './support/archive.js';
import { makeOrder, newTenantId, startTestService, withDatabase } from './support/harness.js';

function urlWith(query: string): string {
  const url = new URL(withDatabase(inject('mongoUrl'), `reservoir_wc_${randomUUID().slice(0, 8)}`));
  url.search = query;
  return url.toString();
}

describe('the write concern in MONGO_URL', () => {
  for (const [query, expected] of [
    ['w=majority&journal=true&wtimeoutMS=5000', { w: 'majority', journal: true, wtimeoutMS: 5000 }],
    ['w=1&journal=true', { w: 1, journal: true }],
  ] as const) {
    it(`applies ?${query} to archive writes`, async () => {
      const svc = await startTestService({ mongoUrl: urlWith(query) });
      try {
        expect(svc.mongo.db.writeConcern).toMatchObject(expected);
        const t = newTenantId();
        for (let i = 0; i < 3; i++) await svc.call('POST', `/${t}/order`, makeOrder(t));
        expect((await svc.call('POST', '/admin/sync', { tenantId: t })).body.tenants[0]).toMatchObject({
          status: 'synced',
          ordersWritten: 3,
        });
        expect(await archivedOrders(svc, t)).toEqual(await liveOrders(svc, t));
      } finally {
        await svc.mongo.run((db) => db.dropDatabase()).catch(() => {});
        await svc.close();
      }
    });
  }
});
