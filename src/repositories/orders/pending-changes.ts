import type { OrderChange, PendingChanges } from '../../domain/ports.js';
import { tenantKeys } from '../keys.js';
import { ackChangesScript } from '../redis-scripts/ack-changes.js';
import type { RedisLike } from '../redis-scripts/lua-script.js';
import { withRedis } from '../redis-client.js';

/**
 * The changes the sync reads: per tenant, `dirty` maps each order changed since the last sync to
 * the token of its latest change (written by every order script in the same step as the change).
 */
export class RedisPendingChanges implements PendingChanges {
  private readonly ack;

  constructor(private readonly redis: RedisLike) {
    this.ack = ackChangesScript(redis);
  }

  readChanges(tenantId: number, cursor: string, count: number): Promise<{ cursor: string; changes: OrderChange[] }> {
    return withRedis(async () => {
      const [next, flat] = await this.redis.hscan(tenantKeys(tenantId).dirty, cursor, 'COUNT', count);
      const changes: OrderChange[] = [];
      for (let i = 0; i < flat.length; i += 2) changes.push({ orderId: flat[i]!, token: flat[i + 1]! });
      return { cursor: next, changes };
    });
  }

  ackChanges(tenantId: number, changes: OrderChange[]): Promise<void> {
    if (changes.length === 0) return Promise.resolve();
    return withRedis(async () => void (await this.ack(tenantKeys(tenantId).dirty, changes)));
  }

  countPendingChanges(tenantId: number): Promise<number> {
    return withRedis(() => this.redis.hlen(tenantKeys(tenantId).dirty));
  }
}
