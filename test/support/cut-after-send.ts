/**
 * Loses the reply of one Redis script call that did reach Redis: the connection that carried the
 * call is closed by the client right after the call was written to it. Redis reads the call, runs
 * it, and its reply has nowhere to go. Works on one Redis and on a Cluster (the connection is the
 * one to the shard the call went to), where a proxy in front of Redis cannot stand.
 *
 *   const cut = cutAfterSend(svc.redis, 'upsert-order');
 *   const res = await svc.call('POST', ...);   // the write ran; its reply was lost
 *   await cut;
 */
import type { Cluster, Redis } from 'ioredis';
import { functionName } from '../../src/repositories/redis-scripts/lua-script.js';

type Fcall = (...args: unknown[]) => Promise<unknown>;
interface Queued {
  command: { name: string; args: unknown[] };
}
interface Connection {
  commandQueue: { toArray(): Queued[] };
  stream?: { destroy(): void };
}

function connectionsOf(redis: Redis | Cluster): Connection[] {
  const nodes = 'nodes' in redis && typeof redis.nodes === 'function' ? redis.nodes('all') : [redis];
  return nodes as unknown as Connection[];
}

/**
 * Cuts the connection of the `skip`+1-th call of script `name` once the call is sent. Resolves
 * when the connection was cut (true), or false when the call was no longer waiting for its reply.
 */
export function cutAfterSend(redis: Redis | Cluster, name: string, options: { skip?: number } = {}): Promise<boolean> {
  const client = redis as unknown as { fcall: Fcall };
  const fn = functionName(name);
  const original = client.fcall;
  let skip = options.skip ?? 0;
  return new Promise<boolean>((resolve) => {
    client.fcall = function (this: unknown, ...args: unknown[]) {
      if (args[0] !== fn || skip-- > 0) return original.apply(this, args);
      client.fcall = original;
      const reply = original.apply(this, args);
      // After the single client's uncork (queued by the send, before this): the call is written.
      process.nextTick(() => {
        const carrier = connectionsOf(redis).find((connection) =>
          connection.commandQueue.toArray().some(({ command }) => command.name === 'fcall' && command.args[0] === fn),
        );
        carrier?.stream?.destroy();
        resolve(carrier !== undefined);
      });
      return reply;
    };
  });
}
