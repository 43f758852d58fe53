import type { Cluster, Redis } from 'ioredis';
import { sessionDigest, type ConsoleSession, type ConsoleSessionStore } from '../domain/console-sessions.js';
import { consoleSessionKey } from './keys.js';
import { withRedis } from './redis-client.js';
import { replicatedWrite } from './replication.js';

/**
 * Console sessions, one Redis string each with the session's TTL (so Redis forgets it when it
 * expires). Keyed by the digest of the session id, never the id itself.
 */
export class RedisConsoleSessionStore implements ConsoleSessionStore {
  constructor(private readonly redis: Redis | Cluster) {}

  create(id: string, session: ConsoleSession, ttlMs: number): Promise<void> {
    return withRedis(async () => {
      await this.redis.set(consoleSessionKey(sessionDigest(id)), JSON.stringify(session), 'PX', ttlMs);
    });
  }

  get(id: string): Promise<ConsoleSession | null> {
    return withRedis(async () => {
      const raw = await this.redis.get(consoleSessionKey(sessionDigest(id)));
      return raw ? (JSON.parse(raw) as ConsoleSession) : null;
    });
  }

  touch(id: string, ttlMs: number): Promise<void> {
    return withRedis(async () => {
      await this.redis.pexpire(consoleSessionKey(sessionDigest(id)), Math.max(1, ttlMs));
    });
  }

  /** Waited for: a sign-out lost with its master would let the session in again. */
  delete(id: string): Promise<void> {
    const key = consoleSessionKey(sessionDigest(id));
    return withRedis(async () => {
      await replicatedWrite(this.redis, key, () => this.redis.del(key));
    });
  }
}
