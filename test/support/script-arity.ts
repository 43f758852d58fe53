/**
 * Checks every script call the service makes against the script's header: each `<name>.lua`
 * declares `Arity: KEYS n, ARGV m` (`n+`: at least n). Installed on every test service's Redis
 * client (harness.ts), so the whole suite checks each wrapper (the typed module that builds a
 * script's KEYS and ARGV) against the header it is written from: a call that passes more or fewer
 * keys or arguments than its header says fails its request.
 */
import { readFileSync } from 'node:fs';
import type { Cluster, Redis } from 'ioredis';
import { functionName, scriptNames } from '../../src/repositories/redis-scripts/lua-script.js';

export interface Arity {
  keys: number;
  keysOpen: boolean;
  args: number;
  argsOpen: boolean;
}

const SCRIPTS = new URL('../../src/repositories/redis-scripts/', import.meta.url);

/** The arity script `name` declares in its header, or null when it declares none. */
export function declaredArity(name: string): Arity | null {
  const header = /^--\[\[([\s\S]*?)\]\]/.exec(readFileSync(new URL(`${name}.lua`, SCRIPTS), 'utf8'))?.[1] ?? '';
  const m = /Arity: KEYS (\d+)(\+?), ARGV (\d+)(\+?)/.exec(header);
  if (!m) return null;
  return { keys: Number(m[1]), keysOpen: m[2] === '+', args: Number(m[3]), argsOpen: m[4] === '+' };
}

const byFunction = new Map(scriptNames.map((name) => [functionName(name), { name, arity: declaredArity(name) }]));

/** Why a call with `keys` keys and `args` arguments does not fit `arity`, or null when it does. */
export function arityMismatch(arity: Arity, keys: number, args: number): string | null {
  const fits = (count: number, declared: number, open: boolean) => (open ? count >= declared : count === declared);
  if (!fits(keys, arity.keys, arity.keysOpen)) return `${keys} keys where its header declares ${arity.keys}${arity.keysOpen ? '+' : ''}`;
  if (!fits(args, arity.args, arity.argsOpen))
    return `${args} arguments where its header declares ${arity.args}${arity.argsOpen ? '+' : ''}`;
  return null;
}

type Fcall = (...args: unknown[]) => Promise<unknown>;

export function checkScriptArity(redis: Redis | Cluster): void {
  const client = redis as unknown as { fcall: Fcall };
  const original = client.fcall;
  client.fcall = function (this: unknown, ...call: unknown[]) {
    const script = byFunction.get(String(call[0]));
    if (script?.arity) {
      const keys = Number(call[1]);
      const mismatch = arityMismatch(script.arity, keys, call.length - 2 - keys);
      if (mismatch) {
        console.error('ARITY', script.name, mismatch);
        return Promise.reject(new Error(`${script.name}.lua called with ${mismatch}`));
      }
    }
    return original.apply(this, call);
  };
}
