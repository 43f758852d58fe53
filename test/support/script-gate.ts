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

export interface ScriptGate {
  /** Resolves once a call of the script is held. */
  readonly reached: Promise<void>;
  /** The held call goes on to Redis. */
  release(): void;
  /** The held call fails without reaching Redis, as when the connection is lost before it is sent. */
  fail(): void;
}

type ScriptCommand = (...args: unknown[]) => Promise<unknown>;

/**
 * Holds the `skip`+1-th call of script `name` (its file name without .lua; the client registers
 * it as `reservoir:<name>`, redis-scripts/lua-script.ts) made through `redis`.
 */
export function holdScript(redis: Redis | Cluster, name: string, options: { skip?: number } = {}): ScriptGate {
  const commands = redis as unknown as Record<string, ScriptCommand>;
  const commandName = `reservoir:${name}`;
  const original = commands[commandName];
  if (typeof original !== 'function') throw new Error(`script ${name} is not registered on this client`);
  let skip = options.skip ?? 0;
  let onReached!: () => void;
  const reached = new Promise<void>((resolve) => (onReached = resolve));
  let decide!: (go: boolean) => void;
  const decision = new Promise<boolean>((resolve) => (decide = resolve));
  commands[commandName] = async function (this: unknown, ...args: unknown[]) {
    // The client queues a call on an auto-pipeline, which copies the client's script functions:
    // only the call made on the client itself is counted and held.
    if (this !== redis || skip-- > 0) return original.apply(this, args);
    commands[commandName] = original;
    onReached();
    if (!(await decision)) throw new Error('Connection is closed.');
    return original.apply(this, args);
  };
  return { reached, release: () => decide(true), fail: () => decide(false) };
}
