import type { Db } from 'mongodb';
import type { ApiKeyArchive, ApiKeyRecord } from '../domain/ports.js';
import type { MongoConnection } from './mongo.js';

/** A tenant API key in MongoDB: the SHA-256 of the secret, never the secret. */
interface ApiKeyDocument {
  _id: string;
  tenantId: number;
  hash: string;
  createdAt: Date;
  lastUsedAt?: Date;
}

export const API_KEYS_COLLECTION = 'api_keys';

const keysOf = (db: Db) => db.collection<ApiKeyDocument>(API_KEYS_COLLECTION);

function toRecord(doc: ApiKeyDocument): ApiKeyRecord {
  const record: ApiKeyRecord = { id: doc._id, tenantId: doc.tenantId, hash: doc.hash, createdAt: doc.createdAt.toISOString() };
  if (doc.lastUsedAt) record.lastUsedAt = doc.lastUsedAt.toISOString();
  return record;
}

/** The durable record of tenant API keys; `_id` is the key's id, `hash` is unique. */
export class MongoApiKeyArchive implements ApiKeyArchive {
  private indexed = false;

  constructor(private readonly mongo: MongoConnection) {}

  private run<T>(operation: (keys: ReturnType<typeof keysOf>) => Promise<T>): Promise<T> {
    return this.mongo.run(async (db) => {
      if (!this.indexed) {
        await keysOf(db).createIndex({ hash: 1 }, { unique: true, name: 'hash' });
        await keysOf(db).createIndex({ tenantId: 1, createdAt: 1 }, { name: 'tenant_created' });
        this.indexed = true;
      }
      return operation(keysOf(db));
    });
  }

  insertKey(record: ApiKeyRecord): Promise<void> {
    return this.run(async (keys) => {
      await keys.insertOne({ _id: record.id, tenantId: record.tenantId, hash: record.hash, createdAt: new Date(record.createdAt) });
    });
  }

  findKeyByHash(hash: string): Promise<ApiKeyRecord | null> {
    return this.run(async (keys) => {
      const doc = await keys.findOne({ hash });
      return doc ? toRecord(doc) : null;
    });
  }

  getKey(tenantId: number, keyId: string): Promise<ApiKeyRecord | null> {
    return this.run(async (keys) => {
      const doc = await keys.findOne({ _id: keyId, tenantId });
      return doc ? toRecord(doc) : null;
    });
  }

  listKeys(tenantId: number): Promise<ApiKeyRecord[]> {
    return this.run(async (keys) => (await keys.find({ tenantId }).sort({ createdAt: 1, _id: 1 }).toArray()).map(toRecord));
  }

  deleteKey(tenantId: number, keyId: string): Promise<boolean> {
    return this.run(async (keys) => (await keys.deleteOne({ _id: keyId, tenantId })).deletedCount === 1);
  }

  recordLastUse(uses: { keyId: string; at: string }[]): Promise<void> {
    if (uses.length === 0) return Promise.resolve();
    return this.run(async (keys) => {
      const size = await this.mongo.writeBatchSize();
      for (let i = 0; i < uses.length; i += size) {
        await keys.bulkWrite(
          uses.slice(i, i + size).map((use) => ({
            updateOne: { filter: { _id: use.keyId }, update: { $max: { lastUsedAt: new Date(use.at) } } },
          })),
          { ordered: false },
        );
      }
    });
  }
}
