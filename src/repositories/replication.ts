import { type Cluster, Command, type Redis } from 'ioredis';
import { NotReplicated } from '../domain/errors.js';
import { replicationMarkerKey } from './keys.js';

/**
 * Waiting for replicas after a write (REDIS_WAIT_REPLICAS, REDIS_WAIT_TIMEOUT_MS).
 *
 * Redis replicates asynchronously: a master that dies before its replica received a write takes
 * the write with it when the replica is promoted. With `replicas` > 0, every script that writes is
 * followed by `WAIT replicas timeoutMs` on a connection of its own to its shard's master; fewer replicas
 * acknowledging within the timeout is NotReplicated (503 NOT_REPLICATED). The write itself stands
 * on the master (WAIT cannot undo it): its idempotency record, written by the same script, answers
 * a retry with the same Idempotency-Key. Reads are never followed by a WAIT (NOT_WAITED below).
 *
 * It hooks in at two places: `defineScript` (redis-scripts/lua-script.ts) passes every script call
 * through `replicated(redis, name, call)`, whatever way the call is sent (FCALL, EVALSHA); a write
 * made by plain commands goes through `replicatedWrite(redis, key, write)`: a tenant's
 * configuration and quotas, an API key's revocation, the capacities and the restored marker a
 * restore writes, a console sign-out. Plain writes whose loss sells nothing
 * twice and changes no answer are not waited for: tenant and reconcile locks (they lapse), console
 * sessions made or renewed (the user signs in again), an API key's entry (filled again from
 * MongoDB at its next use), the tenant and webhook registries (listed again by their writers and
 * from MongoDB), the sync's reports and mirrored marker (a full sync again), the generation
 * counter of a replacement (its switch script waits, after it on the same shard) and the removal
 * of old generations (done again).
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
  'list-stock-levels',
  'list-stock-origins',
  'query-reservations',
  'simulate-snapshot',
  'tenant-summary',
  'tenant-totals',
  'webhook-list-deliveries',
  'webhook-pending-stats',
  'webhook-stats',
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

/**
 * WAIT blocks the connection it is sent on, and every command queued behind it: sent on the
 * connection of the writes it follows, it would hold the reads behind it for up to
 * REDIS_WAIT_TIMEOUT_MS whenever a replica lags. So it goes on a connection of its own (a
 * duplicate of the client, made at the first wait), after a write of its own to the shard: WAIT
 * waits for the replication offset of its connection's last write, and that marker write comes
 * after every write whose reply had arrived, the caller's among them.
 */
const waiterOf = new WeakMap<object, Promise<Redis | Cluster>>();

function waiter(redis: Redis | Cluster): Promise<Redis | Cluster> {
  let made = waiterOf.get(redis);
  if (!made) {
    made = (async () => {
      const duplicate = redis.duplicate() as Redis | Cluster;
      duplicate.on('error', () => {});
      redis.once('end', () => duplicate.disconnect());
      if (duplicate.status === 'wait') await duplicate.connect();
      return duplicate;
    })();
    made.catch(() => waiterOf.delete(redis));
    waiterOf.set(redis, made);
  }
  return made;
}

/** The waiter's connection to the master of `key`'s slot (the single client itself). */
function connectionFor(client: Redis | Cluster, key: string): Redis {
  if (!('nodes' in client && typeof client.nodes === 'function')) return client as Redis;
  const cluster = client as Cluster & { slots: string[][] };
  // ioredis' own slot of a key (its Command hashes the key as its Cluster routing does).
  const master = cluster.slots[new Command('get', [key]).getSlot()!]?.[0];
  const node = master && cluster.nodes('master').find((n) => `${n.options.host}:${n.options.port}` === master);
  // The slot's master is not known (a failover under way): nothing proves the write replicated.
  if (!node) throw new NotReplicated(0, -1);
  return node;
}

/**
 * The writes of a shard share WAITs: at most one marker + WAIT in flight per connection, and the
 * writes done meanwhile join the next one (it covers them all).
 */
interface Waits {
  inFlight: boolean;
  next: { replicas: number; timeoutMs: number; marker: string; waiters: { resolve(n: number): void; reject(e: unknown): void }[] } | null;
}
const waitsOf = new WeakMap<Redis, Waits>();

function sharedWait(connection: Redis, marker: string, wait: ReplicaWait): Promise<number> {
  let waits = waitsOf.get(connection);
  if (!waits) {
    waits = { inFlight: false, next: null };
    waitsOf.set(connection, waits);
  }
  const state = waits;
  return new Promise<number>((resolve, reject) => {
    state.next ??= { replicas: wait.replicas, timeoutMs: wait.timeoutMs, marker, waiters: [] };
    state.next.waiters.push({ resolve, reject });
    if (!state.inFlight) send();
  });
  function send(): void {
    const batch = state.next;
    if (!batch) return;
    state.next = null;
    state.inFlight = true;
    const waited = connection.set(batch.marker, '1', 'PX', 60_000).then(() => connection.call('WAIT', batch.replicas, batch.timeoutMs));
    waited.then(
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
 * `replicas` replicas hold it, or throws NotReplicated after `timeoutMs`.
 */
export async function waitForReplicas(redis: Redis | Cluster, key: string, wait = replicaWaitOf(redis)): Promise<void> {
  if (wait.replicas <= 0) return;
  const acknowledged = await sharedWait(connectionFor(await waiter(redis), key), replicationMarkerKey(key), wait);
  if (acknowledged < wait.replicas) throw new NotReplicated(wait.replicas, acknowledged);
}

/**
 * A write made by plain commands (a MULTI, a SET) to `key`'s shard, followed by the same wait as
 * a script's: NotReplicated when too few replicas hold it in time (the write stands on the master).
 */
export async function replicatedWrite<T>(redis: Redis | Cluster, key: string, write: () => Promise<T>): Promise<T> {
  const result = await write();
  await waitForReplicas(redis, key);
  return result;
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
