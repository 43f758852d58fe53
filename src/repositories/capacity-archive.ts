import type { Db } from 'mongodb';
import type { StockOriginCapacity } from '../domain/capacity.js';
import type { CapacityArchive } from '../domain/ports.js';
import type { MongoConnection } from './mongo.js';

/** A stock origin's capacity as archived; `_id` is `<tenantId>:<code>`, so each write is one idempotent replace. */
interface CapacityDocument extends StockOriginCapacity {
  _id: string;
  tenantId: number;
  code: string;
  updatedAt: Date;
}

export const CAPACITIES_COLLECTION = 'stock_origin_capacities';
const capacitiesOf = (db: Db) => db.collection<CapacityDocument>(CAPACITIES_COLLECTION);

/** The durable copy of the capacities: part of the tenant's configuration, restored with it. */
export class MongoCapacityArchive implements CapacityArchive {
  constructor(private readonly mongo: MongoConnection) {}

  putCapacity(tenantId: number, code: string, capacity: StockOriginCapacity): Promise<void> {
    return this.mongo.run(async (db) => {
      await capacitiesOf(db).replaceOne(
        { _id: `${tenantId}:${code}` },
        { tenantId, code, ...capacity, updatedAt: new Date() },
        { upsert: true },
      );
    });
  }

  deleteCapacity(tenantId: number, code: string): Promise<void> {
    return this.mongo.run(async (db) => void (await capacitiesOf(db).deleteOne({ _id: `${tenantId}:${code}` })));
  }

  listCapacities(tenantId: number): Promise<{ code: string; capacity: StockOriginCapacity }[]> {
    return this.mongo.run(async (db) =>
      (await capacitiesOf(db).find({ tenantId }).toArray()).map((d) => ({
        code: d.code,
        capacity: { maxQty: d.maxQty ?? null, maxLines: d.maxLines ?? null, maxOrders: d.maxOrders ?? null },
      })),
    );
  }

  listTenants(): Promise<number[]> {
    return this.mongo.run(async (db) => ((await capacitiesOf(db).distinct('tenantId')) as number[]).sort((a, b) => a - b));
  }
}
