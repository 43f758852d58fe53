import { MongoClient, MongoError, type Db } from 'mongodb';
import { StoreUnavailable } from '../domain/errors.js';

export interface MongoSettings {
  url: string;
  timeoutMs: number;
}

/**
 * The process's MongoDB connection. Write concern and read preference come from the URL
 * (`?w=majority&journal=true`), so operators set durability where they set the address.
 *
 * The driver closes a client for good when its very first connection fails; this keeps one
 * client and replaces it in that case, so the service recovers by itself when MongoDB comes up.
 */
export class MongoConnection {
  private client: MongoClient;
  private closed = false;
  private readonly failureListeners: ((error: unknown, unavailable: boolean) => void)[] = [];

  constructor(private readonly settings: MongoSettings) {
    this.client = this.newClient();
  }

  private newClient(): MongoClient {
    return new MongoClient(this.settings.url, {
      serverSelectionTimeoutMS: this.settings.timeoutMs,
      connectTimeoutMS: this.settings.timeoutMs,
      socketTimeoutMS: Math.max(this.settings.timeoutMs * 10, 30_000),
      maxPoolSize: 20,
    });
  }

  get db(): Db {
    return this.client.db();
  }

  /** Runs an operation; "cannot reach MongoDB" becomes StoreUnavailable, anything else passes. */
  async run<T>(operation: (db: Db) => Promise<T>): Promise<T> {
    const client = this.client;
    try {
      return await operation(client.db());
    } catch (error) {
      for (const listener of this.failureListeners) listener(error, isUnavailable(error));
      if (!isUnavailable(error)) throw error;
      if (error instanceof MongoError && error.name === 'MongoTopologyClosedError' && !this.closed && client === this.client) {
        this.client = this.newClient();
        void client.close().catch(() => {});
      }
      throw new StoreUnavailable('mongodb', error);
    }
  }

  private batchSize: number | null = null;

  /**
   * How many documents one bulk write carries. FerretDB v1 slows down sharply on large update
   * batches (over ~100 statements a batch can take minutes), so it gets small ones.
   */
  async writeBatchSize(): Promise<number> {
    if (this.batchSize === null) {
      const info = await this.run((db) => db.admin().command({ buildInfo: 1 }));
      this.batchSize = info.ferretdbVersion ? 50 : 1000;
    }
    return this.batchSize;
  }

  /** Sees every failed operation, and whether it means MongoDB is unavailable (metrics count them). */
  onFailure(listener: (error: unknown, unavailable: boolean) => void): void {
    this.failureListeners.push(listener);
  }

  async ping(): Promise<void> {
    await this.run((db) => db.command({ ping: 1 }));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client.close();
  }
}

function isUnavailable(error: unknown): boolean {
  if (!(error instanceof MongoError)) return false;
  return (
    [
      'MongoServerSelectionError',
      'MongoNetworkError',
      'MongoNetworkTimeoutError',
      'MongoTopologyClosedError',
      'MongoNotConnectedError',
      'MongoPoolClearedError',
    ].includes(error.name) ||
    error.hasErrorLabel('RetryableWriteError') ||
    error.hasErrorLabel('TransientTransactionError')
  );
}
