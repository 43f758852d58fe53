import { MongoServerError, type Db } from 'mongodb';
import type { Order } from '../domain/order.js';
import type { OrderArchive, TenantConfigArchive } from '../domain/ports.js';
import { withConfigDefaults, type TenantConfig } from '../domain/tenant-config.js';
import type { MongoConnection } from './mongo.js';

/**
 * An order as archived: the Order's fields, dates as BSON dates, plus the pass that wrote it.
 * `_id` is `<tenantId>:<orderId>`: every write and delete addresses one document by its primary
 * key (fast on MongoDB and on FerretDB alike), and a range-sharded `_id` keeps a tenant together.
 */
export interface OrderDocument {
  _id: string;
  tenantId: number;
  orderId: string;
  lastUpdated: Date;
  expiresAt?: Date;
  type: Order['type'];
  lines: Order['lines'];
  syncRun: string;
  archivedAt: Date;
}

interface TenantConfigDocument extends TenantConfig {
  _id: number;
  updatedAt: Date;
}

export const ORDERS_COLLECTION = 'orders';
export const TENANT_CONFIGS_COLLECTION = 'tenant_configs';

const ordersOf = (db: Db) => db.collection<OrderDocument>(ORDERS_COLLECTION);
const configsOf = (db: Db) => db.collection<TenantConfigDocument>(TENANT_CONFIGS_COLLECTION);

export function archiveId(tenantId: number, orderId: string): string {
  return `${tenantId}:${orderId}`;
}

export function toOrderDocument(order: Order, runId: string, now: Date): OrderDocument {
  const doc: OrderDocument = {
    _id: archiveId(order.tenantId, order.orderId),
    tenantId: order.tenantId,
    orderId: order.orderId,
    lastUpdated: new Date(order.lastUpdated),
    type: order.type,
    lines: order.lines.map(({ code, artGuid, qty }) => ({ code, artGuid, qty })),
    syncRun: runId,
    archivedAt: now,
  };
  if (order.expiresAt !== undefined) doc.expiresAt = new Date(order.expiresAt);
  return doc;
}

export function fromOrderDocument(doc: OrderDocument): Order {
  const order: Order = {
    orderId: doc.orderId,
    tenantId: doc.tenantId,
    lastUpdated: doc.lastUpdated.toISOString(),
    type: doc.type,
    lines: doc.lines.map(({ code, artGuid, qty }) => ({ code, artGuid, qty })),
  };
  if (doc.expiresAt) order.expiresAt = doc.expiresAt.toISOString();
  return order;
}

/**
 * The indexes a tenant's reads and writes (`tenant_order`, unique on `{ tenantId, orderId }`) and
 * full passes' deletes (`tenant_run`) go through. On a collection sharded on `{ _id: 1 }`
 * (docs/scale-out.md) MongoDB accepts no unique index the shard key does not prefix: there
 * `tenant_order` is created plain, and `_id` (`<tenantId>:<orderId>`) keeps each order unique.
 */
async function ensureArchiveIndexes(db: Db): Promise<void> {
  const orders = ordersOf(db);
  await orders.createIndex({ tenantId: 1, orderId: 1 }, { name: 'tenant_order', unique: true }).catch(async (error: unknown) => {
    // 85 IndexOptionsConflict: it exists already, plain (sharded archive); 67 CannotCreateIndex:
    // a unique index is refused on this sharded collection.
    if (!(error instanceof MongoServerError && (error.code === 85 || error.code === 67))) throw error;
    if (error.code === 67) await orders.createIndex({ tenantId: 1, orderId: 1 }, { name: 'tenant_order' });
  });
  await orders.createIndex({ tenantId: 1, syncRun: 1 }, { name: 'tenant_run' });
}

/**
 * Orders in MongoDB. Every write is an idempotent replace keyed by (tenantId, orderId), so a
 * pass that fails half-way can simply be run again: no multi-document transaction is needed.
 */
export class MongoOrderArchive implements OrderArchive {
  private indexed = false;

  constructor(private readonly mongo: MongoConnection) {}

  /** Runs against the collection, creating its indexes first if no call has yet. */
  private run<T>(operation: (orders: ReturnType<typeof ordersOf>) => Promise<T>): Promise<T> {
    return this.mongo.run(async (db) => {
      if (!this.indexed) {
        await ensureArchiveIndexes(db);
        this.indexed = true;
      }
      return operation(ordersOf(db));
    });
  }

  writeOrders(orders: Order[], runId: string): Promise<void> {
    if (orders.length === 0) return Promise.resolve();
    const now = new Date();
    return this.run(async (collection) => {
      const size = await this.mongo.writeBatchSize();
      for (let i = 0; i < orders.length; i += size) {
        await collection.bulkWrite(
          orders.slice(i, i + size).map((order) => {
            const replacement = toOrderDocument(order, runId, now);
            return { replaceOne: { filter: { _id: replacement._id }, replacement, upsert: true } };
          }),
          { ordered: false },
        );
      }
    });
  }

  deleteOrders(tenantId: number, orderIds: string[]): Promise<void> {
    if (orderIds.length === 0) return Promise.resolve();
    return this.run(async (orders) => {
      for (let i = 0; i < orderIds.length; i += 1000) {
        await orders.deleteMany({ _id: { $in: orderIds.slice(i, i + 1000).map((id) => archiveId(tenantId, id)) } });
      }
    });
  }

  deleteOrdersNotWrittenBy(tenantId: number, runId: string): Promise<number> {
    return this.run(async (orders) => (await orders.deleteMany({ tenantId, syncRun: { $ne: runId } })).deletedCount);
  }

  async *readOrders(tenantId: number, batchSize: number): AsyncIterable<Order[]> {
    const cursor = ordersOf(this.mongo.db).find({ tenantId }, { batchSize });
    try {
      let batch: Order[] = [];
      while (true) {
        const doc = await this.run(() => cursor.next());
        if (!doc) break;
        batch.push(fromOrderDocument(doc));
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    } finally {
      await cursor.close().catch(() => {});
    }
  }

  countOrders(tenantId: number): Promise<number> {
    return this.run((orders) => orders.countDocuments({ tenantId }));
  }

  listTenants(): Promise<number[]> {
    return this.run(async (orders) => ((await orders.distinct('tenantId')) as number[]).sort((a, b) => a - b));
  }
}

export class MongoTenantConfigArchive implements TenantConfigArchive {
  constructor(private readonly mongo: MongoConnection) {}

  private run<T>(operation: (configs: ReturnType<typeof configsOf>) => Promise<T>): Promise<T> {
    return this.mongo.run((db) => operation(configsOf(db)));
  }

  getConfig(tenantId: number): Promise<TenantConfig | null> {
    return this.run(async (configs) => {
      const doc = await configs.findOne({ _id: tenantId });
      if (!doc) return null;
      const { _id, updatedAt, ...config } = doc;
      return withConfigDefaults(config);
    });
  }

  putConfig(tenantId: number, config: TenantConfig): Promise<void> {
    return this.run(async (configs) => {
      await configs.replaceOne({ _id: tenantId }, { ...config, updatedAt: new Date() }, { upsert: true });
    });
  }

  listTenants(): Promise<number[]> {
    return this.run(async (configs) => (await configs.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
  }
}
