import { CursorExpired, type EventFeedStore, type StoredEvent } from '../domain/events.js';
import { tenantKeys } from './keys.js';
import { readEventsScript, trimEventsScript } from './redis-scripts/events.js';
import type { RedisLike } from './redis-scripts/lua-script.js';
import { withRedis } from './redis-client.js';

/**
 * The tenant's change feed: a Redis Stream (`r:{t:<id>}:events`) the order scripts append to in
 * the same atomic step as each change. This side reads and trims it.
 */
export class RedisEventFeed implements EventFeedStore {
  private readonly read;
  private readonly trim;

  constructor(private readonly redis: RedisLike) {
    this.read = readEventsScript(redis);
    this.trim = trimEventsScript(redis);
  }

  async readEvents(tenantId: number, after: string | null, limit: number): Promise<{ events: StoredEvent[]; newestId: string }> {
    const page = await withRedis(() => this.read(tenantId, tenantKeys(tenantId).events, after ?? '', limit));
    if (page.kind === 'expired') throw new CursorExpired(after ?? '', page.reason);
    return page;
  }

  newestEventId(tenantId: number): Promise<string> {
    return withRedis(async () => {
      const newest = (await this.redis.xrevrange(tenantKeys(tenantId).events, '+', '-', 'COUNT', 1)) as [string, string[]][];
      return newest[0]?.[0] ?? '0-0';
    });
  }

  trimEvents(tenantId: number, keepFromMs: number, maxBytes = 0): Promise<number> {
    return withRedis(() => this.trim(tenantKeys(tenantId).events, `${Math.max(0, Math.floor(keepFromMs))}-0`, maxBytes));
  }
}
