import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Cluster, Redis } from 'ioredis';
import { replicated } from '../replication.js';

/**
 * The Lua that runs in Redis is one Redis Functions library (FUNCTION LOAD once per master, FCALL
 * per call), made of plain files beside this module:
 *
 *   includes/<name>.lua  one helper, `local function <name_with_underscores>(...)`, taking what it
 *                        needs as parameters (an order script's keys and arguments as `ctx`,
 *                        includes/order-context.lua). Its `--- @include "<name>"` lines name the
 *                        helpers it calls, which the library defines before it.
 *   <name>.lua           one script: its header (KEYS, ARGV, reply), its includes, then
 *                        `register('<name_with_underscores>', function(KEYS, ARGV) ... end)`.
 *
 * The library is the files one after the other, never rewritten: a helper is built once, when
 * Redis loads the library, not at every call as with EVAL. Its name carries a hash of its text
 * (`reservoir_<hash>`), as do its functions (`upsert_order_<hash>`), so two releases run side by
 * side during a rolling upgrade, each calling its own.
 */
const HERE = new URL('./', import.meta.url);
const INCLUDE_LINE = /^--- @include "([\w-]+)"[ \t]*$/gm;

function readLua(relative: string): string {
  return readFileSync(new URL(relative, HERE), 'utf8');
}

function luaFiles(folder: string): string[] {
  return readdirSync(new URL(folder || './', HERE))
    .filter((file) => file.endsWith('.lua'))
    .map((file) => folder + file.slice(0, -'.lua'.length))
    .sort();
}

/** The helpers a file names on its `--- @include` lines. */
export function includesOf(source: string): string[] {
  return [...source.matchAll(INCLUDE_LINE)].map((match) => match[1]!);
}

/** The includes, each after those it includes. */
function orderedIncludes(): string[] {
  const ordered: string[] = [];
  const placed = new Set<string>();
  const place = (name: string, path: string[]) => {
    if (placed.has(name)) return;
    if (path.includes(name)) throw new Error(`includes/${name}.lua: include cycle ${[...path, name].join(' -> ')}`);
    for (const dependency of includesOf(readLua(`includes/${name}.lua`))) place(dependency, [...path, name]);
    placed.add(name);
    ordered.push(name);
  };
  for (const name of luaFiles('includes/').map((path) => path.slice('includes/'.length))) place(name, []);
  return ordered;
}

/** Every script's name: `upsert-order`, `migrations/upgrade-origin-qty`. */
export const scriptNames: readonly string[] = [...luaFiles(''), ...luaFiles('migrations/')];

const body = [
  ...orderedIncludes().map((name) => `-- includes/${name}.lua\n${readLua(`includes/${name}.lua`)}`),
  ...scriptNames.map((name) => `-- ${name}.lua\n${readLua(`${name}.lua`)}`),
].join('\n');

/** A hash of the library's text: its name and every function's carry it. */
export const libraryVersion = createHash('sha1').update(body).digest('hex').slice(0, 12);

export const libraryName = `reservoir_${libraryVersion}`;

/**
 * The library as Redis loads it. At load time Redis gives the library `redis` alone (no string
 * library), hence the concatenation in register.
 */
export const librarySource = `#!lua name=${libraryName}
local function register(name, callback)
  redis.register_function(name .. '_${libraryVersion}', callback)
end
${body}`;

/** The function script `name` (`upsert-order`) is registered as in this release's library. */
export function functionName(name: string): string {
  return `${name.replace(/[/-]/g, '_')}_${libraryVersion}`;
}

export type RedisLike = Redis | Cluster;
export type ScriptArg = string | number | Buffer;

const isAlreadyLoaded = (error: unknown) => error instanceof Error && /already exists/.test(error.message);

/**
 * Loads this release's library on every master (on a Cluster each master holds its own
 * functions; replicas get them from their master). A library already there is left as it is.
 */
export async function loadLibrary(redis: RedisLike): Promise<void> {
  const nodes = 'nodes' in redis && typeof redis.nodes === 'function' ? redis.nodes('master') : [redis as Redis];
  await Promise.all(
    nodes.map(async (node) => {
      try {
        await node.call('FUNCTION', 'LOAD', librarySource);
      } catch (error) {
        if (!isAlreadyLoaded(error)) throw error;
      }
    }),
  );
}

/**
 * Calls a script: `keys` become KEYS, `args` ARGV. The one typed module of each script builds
 * both from typed values and decodes the reply; nothing else knows their positions.
 */
export type ScriptCall = (keys: readonly string[], args: readonly ScriptArg[]) => Promise<unknown>;

/** Redis lacks the function (restarted or flushed without it, a new master): it did not run. */
const isFunctionMissing = (error: unknown) => error instanceof Error && error.message.startsWith('ERR Function not found');

/**
 * Answers calls of script `name` by FCALL; when Redis answers that it lacks the function (so it
 * did not run), loads the library and calls once more.
 */
export function defineScript(redis: RedisLike, name: string): ScriptCall {
  if (!scriptNames.includes(name)) throw new Error(`no script ${name}.lua`);
  const fn = functionName(name);
  // Writes wait for replicas when REDIS_WAIT_REPLICAS asks (replication.ts): the one hook.
  return replicated(redis, name, async (keys, args) => {
    try {
      return await redis.fcall(fn, keys.length, ...keys, ...args);
    } catch (error) {
      if (!isFunctionMissing(error)) throw error;
      await loadLibrary(redis);
      return redis.fcall(fn, keys.length, ...keys, ...args);
    }
  });
}
