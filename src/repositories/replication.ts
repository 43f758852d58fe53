import { type Cluster, Command, type Redis } from 'ioredis';
import { NotReplicated } from '../domain/errors.js';

/**
 * Waiting for replicas after a write (REDIS_WAIT_REPLICAS, REDIS_WAIT_TIMEOUT_MS).
 *
 * Redis replicates asynchronously: a master that dies before its replica received a write takes
 * the write with it when the replica is promoted. With `replicas` > 0, every script that writes is
 * followed by `WAIT replicas timeoutMs` on the connection to its shard's master; fewer replicas
 * acknowledging within the timeout is NotReplicated (503 NOT_REPLICATED). The write itself stands
 * on the master (WAIT cannot undo it): its idempotency record, written by the same script, answers
 * a retry with the same Idempotency-Key. Reads are never followed by a WAIT (NOT_WAITED below).
 *
 * It hooks in at one place: `defineScript` (redis-scripts/lua-script.ts) passes every script call
 * through `replicated(redis, name, call)`, whatever way the call is sent (FCALL, EVALSHA).
 * Writes made by plain commands (tenant locks, console sessions, rate limits) are not waited for:
 * losing one of them sells nothing twice.
 */
export interface ReplicaWait {
  /** Replicas that must acknowledge each write; 0 = do not wait. */
  replicas: number;
  timeoutMs: number;
}

const settingsOf = new WeakMap<object, ReplicaWait>();

/** Sets how writes made through `redis` wait for replicas (createRedis does, from the config). */
export function setReplicaWait(redis: Redis | Cluster, wait: ReplicaWait): void {
  settingsOf.set(redis, wait);
}

export function replicaWaitOf(redis: Redis | Cluster): ReplicaWait {
  return settingsOf.get(redis) ?? { replicas: 0, timeoutMs: 0 };
}

/**
 * Scripts never followed by a WAIT: those that write nothing, and bookkeeping whose loss with a
 * master sells nothing twice (an Idempotency-Key taken or released: the key is free again; a
 * tenant lease: it lapses; an event trim: done again). Any other script waits: a script not named
 * here is a write whose loss matters.
 */
const NOT_WAITED = new Set([
  // reads
  'events-read',
  'get-order',
  'get-orders',
  'get-stock-origin',
  'get-stock-pair',
  'list-orders',
  'list-stock-origins',
  'query-reservations',
  'simulate-snapshot',
  'tenant-summary',
  'tenant-totals',
  'webhook-list-deliveries',
  'webhook-pending-stats',
  // bookkeeping
  'begin-idempotent',
  'release-idempotent',
  'extend-lease',
  'release-lease',
  'events-trim',
]);

export function waitsForReplicas(name: string): boolean {
  return !NOT_WAITED.has(name);
}

/** The connection that carried a write to `key`: the single client, or its slot's master. */
function connectionFor(redis: Redis | Cluster, key: string): Redis {
  if (!('nodes' in redis && typeof redis.nodes === 'function')) return redis as Redis;
  const cluster = redis as Cluster & { slots: string[][] };
  // ioredis' own slot of a key (its Command hashes the key as its Cluster routing does).
  const master = cluster.slots[new Command('get', [key]).getSlot()!]?.[0];
  const node = master && cluster.nodes('master').find((n) => `${n.options.host}:${n.options.port}` === master);
  // The slot map changed under the write: WAIT on a connection that did not carry it proves nothing.
  if (!node) throw new NotReplicated(0, -1);
  return node;
}

/**
 * One WAIT on a connection answers every write whose reply had come when it was sent. WAIT blocks
 * its connection (the commands behind it wait too), so the writes of a connection share WAITs: at
 * most one is in flight, and the writes done meanwhile join the next one.
 */
interface Waits {
  inFlight: boolean;
  next: { replicas: number; timeoutMs: number; waiters: { resolve(n: number): void; reject(e: unknown): void }[] } | null;
}
const waitsOf = new WeakMap<Redis, Waits>();

function sharedWait(connection: Redis, wait: ReplicaWait): Promise<number> {
  let waits = waitsOf.get(connection);
  if (!waits) {
    waits = { inFlight: false, next: null };
    waitsOf.set(connection, waits);
  }
  const state = waits;
  return new Promise<number>((resolve, reject) => {
    state.next ??= { replicas: wait.replicas, timeoutMs: wait.timeoutMs, waiters: [] };
    state.next.waiters.push({ resolve, reject });
    if (!state.inFlight) send();
  });
  function send(): void {
    const batch = state.next;
    if (!batch) return;
    state.next = null;
    state.inFlight = true;
    connection.call('WAIT', batch.replicas, batch.timeoutMs).then(
      (acknowledged) =>
        settle(() => {
          for (const w of batch.waiters) w.resolve(Number(acknowledged));
        }),
      (error: unknown) =>
        settle(() => {
          for (const w of batch.waiters) w.reject(error);
        }),
    );
  }
  function settle(answer: () => void): void {
    state.inFlight = false;
    answer();
    send();
  }
}

/**
 * After a write to `key` (any key of the script's tenant: one hash tag, one shard), waits until
 * `replicas` replicas hold it, or throws NotReplicated after `timeoutMs`. WAIT counts every write
 * the connection carried before it, the caller's among them.
 */
export async function waitForReplicas(redis: Redis | Cluster, key: string, wait = replicaWaitOf(redis)): Promise<void> {
  if (wait.replicas <= 0) return;
  const acknowledged = await sharedWait(connectionFor(redis, key), wait);
  if (acknowledged < wait.replicas) throw new NotReplicated(wait.replicas, acknowledged);
}

type Call = (keys: readonly string[], args: readonly (string | number | Buffer)[]) => Promise<unknown>;

/** A script call whose writes wait for replicas (see above); read-only scripts go as they are. */
export function replicated<C extends Call>(redis: Redis | Cluster, name: string, call: C): C {
  if (!waitsForReplicas(name)) return call;
  return (async (keys, args) => {
    const reply = await call(keys, args);
    if (keys.length > 0) await waitForReplicas(redis, keys[0]!);
    return reply;
  }) as C;
}
