import { Redis, type RedisOptions } from 'ioredis';
import { DomainError, StoreUnavailable } from '../domain/errors.js';

export interface RedisClientSettings {
  url: string;
  commandTimeoutMs: number;
}

/**
 * A client that fails fast while Redis is away (no offline queue, a command timeout, one retry)
 * and reconnects by itself when it comes back.
 */
export function redisOptions(settings: Pick<RedisClientSettings, 'commandTimeoutMs'>): RedisOptions {
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: settings.commandTimeoutMs,
    connectTimeout: Math.max(settings.commandTimeoutMs, 1000),
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2000),
    lazyConnect: true,
  };
}

export function createRedisClient(settings: RedisClientSettings): Redis {
  return new Redis(settings.url, redisOptions(settings));
}

/** Waits until the client is connected, or fails after `timeoutMs`. */
export async function connectRedis(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  if (redis.status === 'wait') redis.connect().catch(() => {});
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new StoreUnavailable('redis'));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}

/** Replies that mean "not now" (loading, failover, cluster resharding, a busy script), not "wrong". */
const TRANSIENT_REPLY = /^(LOADING|CLUSTERDOWN|TRYAGAIN|MASTERDOWN|READONLY|BUSY|MOVED|ASK)\b/;

/** Redis answered with an error of its own (a bug of ours), as opposed to not answering at all. */
function isReplyError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError' && !TRANSIENT_REPLY.test(error.message);
}

/** Runs a Redis operation, turning connection failures and timeouts into StoreUnavailable. */
export async function withRedis<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isReplyError(error) || error instanceof DomainError) throw error;
    throw new StoreUnavailable('redis', error);
  }
}
