import { type Db, MongoBulkWriteError } from 'mongodb';
import type { ArchivedLevel, StockArchive } from '../domain/ports.js';
import type { MongoConnection } from './mongo.js';

/** A tracked pair's level as archived; `_id` is `<tenantId>:<code>\0<artGuid>`. */
interface LevelDocument {
  _id: string;
  tenantId: number;
  code: string;
  artGuid: string;
  onHand: number;
  /** When it was counted (ms): a level counted earlier never replaces it. */
  asOfMs: number;
}

export const STOCK_LEVELS_COLLECTION = 'stock_levels';
const levelsOf = (db: Db) => db.collection<LevelDocument>(STOCK_LEVELS_COLLECTION);
const DUPLICATE_KEY = 11000;

/**
 * The durable copy of the stock levels. Each level is one conditional upsert: the document is
 * replaced only by a count taken at the same time or later; when the stored one was counted later,
 * the filter misses and the insert it falls back to meets the existing `_id` (a duplicate-key
 * error, which here means "left as it is"). Idempotent and convergent without transactions.
 */
export class MongoStockArchive implements StockArchive {
  constructor(private readonly mongo: MongoConnection) {}

  putLevels(tenantId: number, levels: ArchivedLevel[]): Promise<void> {
    if (levels.length === 0) return Promise.resolve();
    return this.mongo.run(async (db) => {
      const operations = levels.map(({ code, artGuid, onHand, asOf }) => {
        const asOfMs = Date.parse(asOf);
        return {
          updateOne: {
            filter: { _id: `${tenantId}:${code}\0${artGuid}`, asOfMs: { $lte: asOfMs } },
            update: { $set: { tenantId, code, artGuid, onHand, asOfMs } },
            upsert: true,
          },
        };
      });
      try {
        await levelsOf(db).bulkWrite(operations, { ordered: false });
      } catch (error) {
        const errors = error instanceof MongoBulkWriteError ? [error.writeErrors].flat() : null;
        if (!errors || errors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
      }
    });
  }

  deleteLevel(tenantId: number, code: string, artGuid: string): Promise<void> {
    return this.mongo.run(async (db) => void (await levelsOf(db).deleteOne({ _id: `${tenantId}:${code}\0${artGuid}` })));
  }

  listLevels(tenantId: number): Promise<ArchivedLevel[]> {
    return this.mongo.run(async (db) =>
      (await levelsOf(db).find({ tenantId }).toArray()).map((d) => ({
        code: d.code,
        artGuid: d.artGuid,
        onHand: d.onHand,
        asOf: new Date(d.asOfMs).toISOString(),
      })),
    );
  }

  listTenants(): Promise<number[]> {
    return this.mongo.run(async (db) => ((await levelsOf(db).distinct('tenantId')) as number[]).sort((a, b) => a - b));
  }
}
