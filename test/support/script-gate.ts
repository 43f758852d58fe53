/**
 * Holds one call of a Redis script on its way out of the service's client, so that a test can act
 * while a request is between two steps (in flight), then let the call go on to Redis or make it
 * fail as a lost connection does (it never reaches Redis). Redis itself is the real one: only the
 * moment the call leaves is chosen by the test. The call is held before the client queues it, so
 * the service's other commands go on meanwhile.
 *
 *   const gate = holdScript(svc.redis, 'upsert-order');
 *   const first = svc.call('POST', ...);       // starts, then waits at the gate
 *   await gate.reached;
 *   ... a retry answers 409 ...
 *   gate.release();                            // or gate.fail()
 */
import type { Cluster, Redis } from 'ioredis';
import { functionName } from '../../src/repositories/redis-scripts/lua-script.js';

export interface ScriptGate {
  /** Resolves once a call of the script is held. */
  readonly reached: Promise<void>;
  /** The held call goes on to Redis. */
  release(): void;
  /** The held call fails without reaching Redis, as when the connection is lost before it is sent. */
  fail(): void;
}

type Fcall = (...args: unknown[]) => Promise<unknown>;

/**
 * Holds the `skip`+1-th call of script `name` (its file name without .lua) made through `redis`:
 * the service calls each script by FCALL of its function (redis-scripts/lua-script.ts).
 */
export function holdScript(redis: Redis | Cluster, name: string, options: { skip?: number } = {}): ScriptGate {
  const client = redis as unknown as { fcall: Fcall };
  const fn = functionName(name);
  const original = client.fcall;
  let skip = options.skip ?? 0;
  let onReached!: () => void;
  const reached = new Promise<void>((resolve) => (onReached = resolve));
  let decide!: (go: boolean) => void;
  const decision = new Promise<boolean>((resolve) => (decide = resolve));
  client.fcall = async function (this: unknown, ...args: unknown[]) {
    if (args[0] !== fn || skip-- > 0) return original.apply(this, args);
    client.fcall = original;
    onReached();
    if (!(await decision)) throw new Error('Connection is closed.');
    return original.apply(this, args);
  };
  return { reached, release: () => decide(true), fail: () => decide(false) };
}
