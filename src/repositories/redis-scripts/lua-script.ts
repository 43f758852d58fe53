import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Cluster, Redis } from 'ioredis';

/**
 * Lua scripts live beside this module as `<name>.lua`, shared helpers in `includes/<name>.lua`,
 * pulled in by a line `--- @include "<name>"` (BullMQ's convention). Each is read once, its
 * includes inlined (each at most once), and registered with ioredis' `defineCommand`, so every
 * call goes by SHA (EVALSHA; the full text travels once per connection). A file is a script you
 * can open, lint and run with `redis-cli --eval`; its header is its contract.
 */
const HERE = new URL('./', import.meta.url);
const INCLUDE_LINE = /^--- @include "([\w-]+)"[ \t]*$/gm;

const sources = new Map<string, string>();

function readLua(relative: string): string {
  return readFileSync(new URL(relative, HERE), 'utf8');
}

function inline(source: string, seen: Set<string>): string {
  return source.replace(INCLUDE_LINE, (_line, name: string) => {
    if (seen.has(name)) return `-- (${name} included above)`;
    seen.add(name);
    return inline(readLua(`includes/${name}.lua`), seen);
  });
}

/** The source Redis runs for script `name`: its file with its includes inlined. */
export function scriptSource(name: string): string {
  let source = sources.get(name);
  if (source === undefined) {
    source = inline(readLua(`${name}.lua`), new Set());
    sources.set(name, source);
  }
  return source;
}

/** Every script's name by the SHA Redis knows it by (for reading SLOWLOG and LATENCY reports). */
export function scriptNamesBySha(): Map<string, string> {
  const names = new Map<string, string>();
  for (const folder of ['', 'migrations/']) {
    for (const file of readdirSync(new URL(folder || './', HERE))) {
      if (!file.endsWith('.lua')) continue;
      const name = folder + file.slice(0, -'.lua'.length);
      names.set(createHash('sha1').update(scriptSource(name)).digest('hex'), name);
    }
  }
  return names;
}

export type RedisLike = Redis | Cluster;
export type ScriptArg = string | number | Buffer;

/**
 * Calls a script by SHA: `keys` become KEYS, `args` ARGV. The one typed module of each script
 * builds both from typed values and decodes the reply; nothing else knows their positions.
 */
export type ScriptCall = (keys: readonly string[], args: readonly ScriptArg[]) => Promise<unknown>;

type Command = (...argv: ScriptArg[]) => Promise<unknown>;

/** Registers script `name` on the client (once per client) and answers its caller. */
export function defineScript(redis: RedisLike, name: string): ScriptCall {
  const commandName = `reservoir:${name}`;
  const commands = redis as unknown as Record<string, Command>;
  // The number of keys is given per call (scripts whose keys depend on the order take a variable count).
  if (!(commandName in redis)) redis.defineCommand(commandName, { lua: scriptSource(name) });
  // Looked up at each call, so that a test can hold one call on its way out (test/support/script-gate.ts).
  return (keys, args) => commands[commandName]!.call(redis, keys.length, ...keys, ...args);
}
