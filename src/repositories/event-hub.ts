import { Cluster, type Redis } from 'ioredis';
import { compareEventIds, type EventBatch, type EventWatcher, entryEvent, type StoredEvent } from '../domain/events.js';
import type { DomainLogger } from '../domain/logger.js';
import { tenantKeys } from './keys.js';
import type { RedisLike } from './redis-scripts/lua-script.js';
import { connectRedis, withRedis } from './redis-client.js';

type Listener = (batch: EventBatch | null) => void;

interface Watched {
  /** The newest event this hub has told the tenant's listeners about. */
  position: string;
  listeners: Set<Listener>;
}

export interface EventHubSettings {
  /** Redis Cluster: how often the tenants watched are read. */
  pollIntervalMs: number;
  /** Single Redis: how long one blocking read waits (it is woken when a tenant is added). */
  blockMs?: number;
  /** At most this many events per tenant per read. */
  batchSize?: number;
}

/**
 * The replica's one reader of new events, shared by every open Server-Sent Events stream and by
 * the webhook dispatcher: the cost follows the tenants watched, not the clients. Each tenant is
 * read from its position, and each batch read is handed to all of the tenant's listeners.
 *
 * On a single Redis it is one blocking `XREAD BLOCK ... STREAMS <every tenant watched>` on a
 * connection of its own (no cost while nothing happens, events handed on as they are appended);
 * a newly watched tenant wakes it with CLIENT UNBLOCK. On a Redis Cluster one read cannot span
 * tenants (their streams are on different slots), so it reads each tenant watched, all at once,
 * every `pollIntervalMs` (a cheap non-blocking XREAD each).
 */
export class RedisEventHub implements EventWatcher {
  private readonly watched = new Map<number, Watched>();
  private readonly blockMs: number;
  private readonly batchSize: number;
  private blocking: Redis | null = null;
  private blockingId: string | null = null;
  /** Counts the changes to the tenants watched; a read started before the last change is woken. */
  private version = 0;
  private readingVersion = -1;
  private wakeSleep: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly redis: RedisLike,
    private readonly settings: EventHubSettings,
    private readonly log: DomainLogger,
  ) {
    this.blockMs = settings.blockMs ?? 5000;
    this.batchSize = settings.batchSize ?? 200;
  }

  get watchedTenants(): number {
    return this.watched.size;
  }

  async watch(tenantId: number, listener: Listener): Promise<{ position: string; stop(): void }> {
    if (this.closed) throw new Error('the event hub is closed');
    let watched = this.watched.get(tenantId);
    if (!watched) {
      const position = await withRedis(async () => {
        const newest = (await this.redis.xrevrange(tenantKeys(tenantId).events, '+', '-', 'COUNT', 1)) as [string, string[]][];
        return newest[0]?.[0] ?? '0-0';
      });
      watched = this.watched.get(tenantId);
      if (!watched) {
        watched = { position, listeners: new Set() };
        this.watched.set(tenantId, watched);
        this.changed();
      }
    }
    watched.listeners.add(listener);
    this.loop ??= this.run();
    const entry = watched;
    return {
      position: entry.position,
      stop: () => {
        entry.listeners.delete(listener);
        if (entry.listeners.size === 0 && this.watched.get(tenantId) === entry) {
          this.watched.delete(tenantId);
          this.changed();
        }
      },
    };
  }

  /** Stops reading; every listener hears null (open streams end). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wakeSleep?.();
    const listeners = [...this.watched.values()].flatMap((w) => [...w.listeners]);
    this.watched.clear();
    for (const listener of listeners) listener(null);
    this.blocking?.disconnect();
    await this.loop?.catch(() => {});
  }

  private changed(): void {
    this.version++;
    this.wakeSleep?.();
    this.unblock(0);
  }

  /** Wakes a blocking read that does not read the tenants now watched (retried: the read may not have reached Redis yet). */
  private unblock(tries: number): void {
    if (this.closed || this.readingVersion === -1 || this.readingVersion === this.version || !this.blockingId) return;
    this.redis.client('UNBLOCK', this.blockingId).catch(() => {});
    if (tries < 5) setTimeout(() => this.unblock(tries + 1), 20 * (tries + 1)).unref();
  }

  private async run(): Promise<void> {
    let backoffMs = 0;
    while (!this.closed) {
      if (this.watched.size === 0) {
        await this.sleep(60_000);
        continue;
      }
      const snapshot = [...this.watched.entries()];
      const version = this.version;
      try {
        const read = this.redis instanceof Cluster ? await this.readEach(snapshot) : await this.readBlocking(snapshot, version);
        backoffMs = 0;
        let full = false;
        for (const [tenantId, events] of read) {
          full ||= events.length >= this.batchSize;
          this.hand(tenantId, snapshot, events);
        }
        if (this.redis instanceof Cluster && !full) await this.sleep(this.settings.pollIntervalMs);
      } catch (error) {
        if (this.closed) break;
        backoffMs = Math.min(2000, Math.max(100, backoffMs * 2));
        this.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'reading new events failed; retrying');
        await this.sleep(backoffMs);
      } finally {
        this.readingVersion = -1;
      }
    }
  }

  private hand(tenantId: number, snapshot: [number, Watched][], events: StoredEvent[]): void {
    const watched = this.watched.get(tenantId);
    // A tenant unwatched (or watched anew, from a position of its own) since the read started.
    if (!watched || !snapshot.some(([, w]) => w === watched)) return;
    const fresh = events.filter((e) => compareEventIds(e.id, watched.position) > 0);
    if (fresh.length === 0) return;
    const batch = { after: watched.position, events: fresh };
    watched.position = fresh.at(-1)!.id;
    for (const listener of [...watched.listeners]) {
      try {
        listener(batch);
      } catch (error) {
        this.log.error({ err: error, tenantId }, 'an event listener failed');
      }
    }
  }

  /** Redis Cluster: one non-blocking read per tenant, all at once. */
  private async readEach(snapshot: [number, Watched][]): Promise<[number, StoredEvent[]][]> {
    return Promise.all(
      snapshot.map(async ([tenantId, w]): Promise<[number, StoredEvent[]]> => {
        const reply = (await this.redis.xread('COUNT', this.batchSize, 'STREAMS', tenantKeys(tenantId).events, w.position)) as XReadReply;
        return [tenantId, reply ? toEvents(tenantId, reply[0]![1]) : []];
      }),
    );
  }

  /** Single Redis: one blocking read of every tenant watched, on the hub's own connection. */
  private async readBlocking(snapshot: [number, Watched][], version: number): Promise<[number, StoredEvent[]][]> {
    const connection = await this.blockingConnection();
    const byKey = new Map(snapshot.map(([tenantId]) => [tenantKeys(tenantId).events, tenantId]));
    this.readingVersion = version;
    // The tenants changed while the connection was being made: read again with them.
    if (version !== this.version) return [];
    const reply = (await connection.xread(
      'COUNT',
      this.batchSize,
      'BLOCK',
      this.blockMs,
      'STREAMS',
      ...byKey.keys(),
      ...snapshot.map(([, w]) => w.position),
    )) as XReadReply;
    return (reply ?? []).map(([key, entries]) => [byKey.get(key)!, toEvents(byKey.get(key)!, entries)]);
  }

  private async blockingConnection(): Promise<Redis> {
    if (!this.blocking) {
      const connection = (this.redis as Redis).duplicate({ commandTimeout: this.blockMs + 5000, enableAutoPipelining: false });
      connection.on('error', () => {});
      // A new connection has a new client id: the one to unblock is asked for again.
      connection.on('ready', () => (this.blockingId = null));
      this.blocking = connection;
    }
    await connectRedis(this.blocking, 5000);
    this.blockingId ??= String(await this.blocking.client('ID'));
    return this.blocking;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.wakeSleep === done) self.wakeSleep = null;
        resolve();
      }
      this.wakeSleep = done;
    });
  }
}

type XReadReply = [string, [string, string[]][]][] | null;

function toEvents(tenantId: number, entries: [string, string[]][]): StoredEvent[] {
  return entries.map(([id, fields]) => entryEvent(tenantId, id, fields));
}
