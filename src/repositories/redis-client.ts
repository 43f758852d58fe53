import { Cluster, Redis, type ClusterOptions, type Command, type RedisOptions } from 'ioredis';
import { DomainError, StoreUnavailable } from '../domain/errors.js';
import { setReplicaWait } from './replication.js';

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
  /** REDIS_WAIT_REPLICAS / REDIS_WAIT_TIMEOUT_MS: replicas every write waits for (replication.ts). */
  waitReplicas?: number;
  waitTimeoutMs?: number;
}

/**
 * A client that fails fast while Redis is away (no offline queue, a command timeout, one retry)
 * and reconnects by itself when it comes back. A command whose reply the connection lost is not
 * sent again on reconnection: it may have run, and the scripts change figures (a resent staging
 * chunk counted twice); the caller gets an error (503) and decides, an Idempotency-Key making its
 * retry safe.
 */
export function redisOptions(settings: Pick<RedisClientSettings, 'commandTimeoutMs'>): RedisOptions {
  // Operations time out as a whole (withRedis, one timer for all), not command by command.
  setRedisOperationTimeout(settings.commandTimeoutMs);
  return {
    enableAutoPipelining: false,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 1,
    connectTimeout: Math.max(settings.commandTimeoutMs, 1000),
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2000),
    lazyConnect: true,
  };
}

/**
 * The commands a connection had sent when it closed are dropped by ioredis on reconnection
 * without being settled, when it does not send them again (autoResendUnfulfilledCommands: false).
 * A command that never settles would hold its request until the operation's deadline: they are
 * failed at once instead, so the caller answers 503 without waiting.
 * (ioredis keeps them in its `prevCommandQueue` between 'close' and the reconnection.)
 */
function failLostCommands(client: Redis): void {
  client.on('reconnecting', () => {
    const lost = (
      client as unknown as { prevCommandQueue?: { length: number; shift(): { command: { reject(error: Error): void } } } | null }
    ).prevCommandQueue;
    while (lost && lost.length > 0) lost.shift().command.reject(new Error('Connection is closed.'));
  });
}

const uncork = (socket: Redis['stream']) => socket.uncork();

/**
 * A Redis whose commands issued in the same tick (concurrent requests) leave in one socket write:
 * on the benchmark machine a write costs more than the script it carries, and Redis reads them in
 * one go. The socket is corked at the tick's first command and uncorked on the next tick. That is
 * what ioredis' auto-pipelining buys, without the Pipeline it builds per batch, which copies every
 * defined command onto itself (bench/NOTES.md, "The hot path").
 */
class CoalescingRedis extends Redis {
  override sendCommand(command: Command, stream?: Parameters<Redis['sendCommand']>[1]): unknown {
    const socket = this.stream as Redis['stream'] | undefined;
    if (socket !== undefined && socket.writableCorked === 0) {
      socket.cork();
      process.nextTick(uncork, socket);
    }
    return super.sendCommand(command, stream);
  }
}

export function createRedisClient(settings: RedisClientSettings): Redis {
  const client = new CoalescingRedis(settings.url, redisOptions(settings));
  failLostCommands(client);
  return client;
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
  // No auto-pipelining on a Cluster either: ioredis would hold commands until it knows the slots,
  // and a command must fail fast while the cluster is unreachable.
  const { retryStrategy: _nodesDoNotRetry, enableOfflineQueue: _perCluster, ...nodeOptions } = redisOptions(settings);
  return {
    redisOptions: nodeOptions,
    enableOfflineQueue: false,
    scaleReads: 'master',
    lazyConnect: true,
    // The whole cluster unreachable: reconnect like the single client does, forever.
    clusterRetryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2000),
    slotsRefreshTimeout: Math.max(settings.commandTimeoutMs, 1000),
    // ioredis resends a command rejected with "Connection is closed." after retryDelayOnFailover.
    // That is right for a command never sent (its node was still connecting, or gone), and wrong
    // for one whose reply its connection lost (it may have run: a creation would answer `false`, a
    // staging chunk count twice): those are rejected with another error (failSentCommands), which
    // the Cluster does not resend (test/redis.at-most-once.test.ts).
    retryDelayOnFailover: 100,
    // And the slots are read again every second, and whenever a node drops out (below), so that
    // a promoted replica is found soon.
    slotsRefreshInterval: 1000,
    // These replies say the command did not run (the slot's master is down or moving): a few short
    // retries (bounded by maxRedirections), then StoreUnavailable.
    retryDelayOnClusterDown: 100,
    retryDelayOnTryAgain: 100,
    maxRedirections: 16,
  };
}

/** A command sent on a connection that closed before its reply: it may have run. */
export class ReplyLost extends Error {
  constructor() {
    super('Connection closed with the command sent (it may have run); not sent again');
    this.name = 'ReplyLost';
  }
}

/**
 * At most once on a Cluster node: when its connection closes, ioredis rejects the commands it had
 * sent and those it had not with the same "Connection is closed.", which the Cluster resends. The
 * sent ones (its commandQueue) are rejected first with ReplyLost, which it does not resend; the
 * others (offline queue) keep their error and are resent: they never reached Redis.
 */
function failSentCommands(node: Redis): void {
  type Queue = { shift(): { command: { reject(error: Error): void } } | undefined; length: number };
  const client = node as unknown as { flushQueue(error: Error, options?: object): void; commandQueue: Queue };
  const flushQueue = client.flushQueue.bind(node);
  client.flushQueue = (error, options) => {
    if ((options as { commandQueue?: boolean } | undefined)?.commandQueue !== false) {
      for (let item = client.commandQueue.shift(); item; item = client.commandQueue.shift()) item.command.reject(new ReplyLost());
    }
    flushQueue(error, options);
  };
}

export function createRedisCluster(settings: Required<Pick<RedisSettings, 'clusterNodes'>> & RedisSettings): Cluster {
  const cluster = new Cluster(parseClusterNodes(settings.clusterNodes), clusterOptions(settings));
  cluster.on('+node', (node: Redis) => {
    failLostCommands(node);
    failSentCommands(node);
  });
  cluster.on('-node', () => cluster.refreshSlotsCache());
  return cluster;
}

/** The client the configuration asks for: a Cluster when cluster nodes are given, else one Redis. */
export function createRedis(settings: RedisSettings): Redis | Cluster {
  if (!settings.clusterNodes && !settings.url) throw new Error('createRedis: give a Redis URL or cluster nodes');
  const redis = settings.clusterNodes
    ? createRedisCluster({ ...settings, clusterNodes: settings.clusterNodes })
    : createRedisClient({ url: settings.url!, commandTimeoutMs: settings.commandTimeoutMs });
  setReplicaWait(redis, { replicas: settings.waitReplicas ?? 0, timeoutMs: settings.waitTimeoutMs ?? 50 });
  return redis;
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

/** How long one operation (withRedis) may wait for Redis: REDIS_COMMAND_TIMEOUT_MS. */
let operationTimeoutMs = 1000;

/** Sets it for the process (the clients it builds share it). */
export function setRedisOperationTimeout(ms: number): void {
  operationTimeoutMs = ms;
}

/** A Redis operation that took longer than REDIS_COMMAND_TIMEOUT_MS (Redis hung, or unreachable). */
export class RedisTimeout extends Error {
  constructor() {
    super(`Redis did not answer within ${operationTimeoutMs} ms`);
    this.name = 'RedisTimeout';
  }
}

interface Pending {
  deadline: number;
  reject: (error: Error) => void;
  settled: boolean;
}

/**
 * One timer for every operation waiting on Redis, instead of one per command (ioredis'
 * commandTimeout sets and clears a timer for each: a measurable part of a request's CPU,
 * bench/NOTES.md). Operations share one timeout, so their deadlines come in order: a queue, swept
 * from its head a few times per timeout while anything waits.
 */
class DeadlineSweeper {
  private queue: Pending[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | null = null;

  guard<T>(operation: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = { deadline: Date.now() + operationTimeoutMs, reject, settled: false };
      this.queue.push(pending);
      if (this.timer === null) this.arm();
      operation.then(
        (value) => {
          pending.settled = true;
          resolve(value);
        },
        (error: unknown) => {
          pending.settled = true;
          reject(error);
        },
      );
    });
  }

  private arm(): void {
    this.timer = setInterval(() => this.sweep(), Math.max(10, Math.min(50, operationTimeoutMs / 4)));
    this.timer.unref();
  }

  private sweep(): void {
    const now = Date.now();
    const queue = this.queue;
    while (this.head < queue.length) {
      const pending = queue[this.head]!;
      if (!pending.settled) {
        if (pending.deadline > now) break;
        pending.settled = true;
        pending.reject(new RedisTimeout());
      }
      this.head += 1;
    }
    if (this.head === queue.length) {
      this.queue = [];
      this.head = 0;
      clearInterval(this.timer!);
      this.timer = null;
    } else if (this.head > 1024) {
      this.queue = queue.slice(this.head);
      this.head = 0;
    }
  }
}

const sweeper = new DeadlineSweeper();

/**
 * Runs a Redis operation, turning connection failures and timeouts into StoreUnavailable: a
 * Redis that does not answer within REDIS_COMMAND_TIMEOUT_MS gets the caller a fast 503, never
 * a hang.
 */
export function withRedis<T>(operation: () => Promise<T>): Promise<T> {
  return redisFailures(() => sweeper.guard(operation()));
}

/**
 * The same failures turned into StoreUnavailable, without a deadline for the whole: for long
 * operations made of many short ones, each of which is a withRedis of its own.
 */
export async function redisFailures<T>(operation: () => Promise<T>): Promise<T> {
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
