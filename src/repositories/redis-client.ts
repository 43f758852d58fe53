import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { DomainError, StoreUnavailable } from '../domain/errors.js';

export interface RedisClientSettings {
  url: string;
  commandTimeoutMs: number;
}

/** Where the hot data lives: one Redis (`url`) or a Redis Cluster (`clusterNodes`, which wins). */
export interface RedisSettings {
  url?: string;
  /** Seed nodes `host:port,host:port`: any few masters or replicas; the rest is discovered. */
  clusterNodes?: string;
  commandTimeoutMs: number;
}

/**
 * A client that fails fast while Redis is away (no offline queue, a command timeout, one retry)
 * and reconnects by itself when it comes back. A command whose reply the connection lost is not
 * sent again on reconnection: it may have run, and the scripts change figures (a resent staging
 * chunk counted twice); the caller gets an error (503) and decides, an Idempotency-Key making its
 * retry safe. Commands issued in the same tick (concurrent
 * requests) go out in one write: on the benchmark machine a socket write costs more than the
 * script it carries (bench/NOTES.md).
 */
export function redisOptions(settings: Pick<RedisClientSettings, 'commandTimeoutMs'>): RedisOptions {
  return {
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
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

export function parseClusterNodes(nodes: string): { host: string; port: number }[] {
  return nodes
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)
    .map((n) => {
      const at = n.lastIndexOf(':');
      return { host: n.slice(0, at), port: Number(n.slice(at + 1)) };
    });
}

/**
 * The cluster client fails as fast as the single one: no offline queue, the same per-node
 * command timeout, every read and write on masters (a replica may lag behind a reservation just
 * made). Every tenant's keys share one hash tag (keys.ts), so each script runs on one shard.
 */
export function clusterOptions(settings: Pick<RedisSettings, 'commandTimeoutMs'>): ClusterOptions {
  // No auto-pipelining on a Cluster: ioredis would hold commands until it knows the slots, and a
  // command must fail fast while the cluster is unreachable.
  const {
    retryStrategy: _nodesDoNotRetry,
    enableOfflineQueue: _perCluster,
    enableAutoPipelining: _singleOnly,
    ...nodeOptions
  } = redisOptions(settings);
  return {
    redisOptions: nodeOptions,
    enableOfflineQueue: false,
    scaleReads: 'master',
    lazyConnect: true,
    // The whole cluster unreachable: reconnect like the single client does, forever.
    clusterRetryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2000),
    slotsRefreshTimeout: Math.max(settings.commandTimeoutMs, 1000),
    // During a failover: a few short retries (bounded by maxRedirections), then StoreUnavailable.
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    retryDelayOnTryAgain: 100,
    maxRedirections: 16,
  };
}

export function createRedisCluster(settings: Required<Pick<RedisSettings, 'clusterNodes'>> & RedisSettings): Cluster {
  return new Cluster(parseClusterNodes(settings.clusterNodes), clusterOptions(settings));
}

/** The client the configuration asks for: a Cluster when cluster nodes are given, else one Redis. */
export function createRedis(settings: RedisSettings): Redis | Cluster {
  if (settings.clusterNodes) return createRedisCluster({ ...settings, clusterNodes: settings.clusterNodes });
  if (!settings.url) throw new Error('createRedis: give a Redis URL or cluster nodes');
  return createRedisClient({ url: settings.url, commandTimeoutMs: settings.commandTimeoutMs });
}

/** Waits until the client (single or cluster) is connected, or fails after `timeoutMs`. */
export async function connectRedis(redis: Redis | Cluster, timeoutMs: number): Promise<void> {
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
    if (error instanceof DomainError) throw error;
    for (const listener of failureListeners) listener(error);
    if (isReplyError(error)) throw error;
    throw new StoreUnavailable('redis', error);
  }
}

const failureListeners = new Set<(error: unknown) => void>();

/**
 * Sees every Redis command that failed inside withRedis, in this process (metrics count them).
 * Answers the function that stops it.
 */
export function onRedisFailure(listener: (error: unknown) => void): () => void {
  failureListeners.add(listener);
  return () => failureListeners.delete(listener);
}
