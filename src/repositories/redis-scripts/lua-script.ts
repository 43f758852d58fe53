import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Cluster, Redis } from 'ioredis';

/**
 * Lua scripts live beside this module as `<name>.lua`, shared helpers in `includes/<name>.lua`,
 * pulled in by a line `--- @include "<name>"` (BullMQ's convention). Each is read once, its
 * includes inlined (each at most once), and called by SHA (EVALSHA; the full text travels only
 * when a Redis lacks it). A file is a script you can open and lint, its header its contract; its
 * text as Redis runs it (scriptSource: includes inlined) also runs with `redis-cli --eval`.
 */
const HERE = new URL('./', import.meta.url);
const INCLUDE_LINE = /^--- @include "([\w-]+)"[ \t]*$/gm;

const scripts = new Map<string, { source: string; sha: string }>();

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

const TOP_LEVEL_FUNCTION = /^local function (\w+)\(/;
const COMMENTS = /--\[\[[\s\S]*?\]\]|--[^\n]*/g;
const WORD = /\w+/g;

/**
 * The text without the top-level `local function`s the script never reaches. Redis runs a
 * script's whole text at every call, so each function an include defines costs its closure,
 * called or not (about 500 instructions in Redis per function, more with upvalues:
 * bench/NOTES.md). A top-level function is `local function name(` at column 0 through the next
 * `end` at column 0, or that one line when it ends with `end` (the scripts' layout, checked
 * here). A function is kept when the code outside every function names it, or a kept function
 * does (comments do not count). Dropped lines become blank, so Redis' line numbers in errors
 * still match the inlined text.
 */
export function withoutUnusedFunctions(source: string, scriptName: string): string {
  const lines = source.split('\n');
  // The code without its comments, line for line (a block comment keeps its line breaks).
  const code = source.replace(COMMENTS, (comment) => comment.replace(/[^\n]/g, '')).split('\n');
  const blocks = new Map<string, { from: number; to: number; names: Set<string> }>();
  const rootNames = new Set<string>();
  const namesIn = (from: number, to: number, into: Set<string>) => {
    for (let n = from; n <= to; n++) for (const [word] of code[n]!.matchAll(WORD)) into.add(word);
  };
  for (let i = 0; i < lines.length; i++) {
    const name = TOP_LEVEL_FUNCTION.exec(lines[i]!)?.[1];
    if (name === undefined) {
      namesIn(i, i, rootNames);
      continue;
    }
    let to = i;
    if (!/\bend$/.test(lines[i]!)) {
      for (to = i + 1; to < lines.length && lines[to] !== 'end'; to++) {
        if (/^\S/.test(lines[to]!) && !lines[to]!.startsWith('--')) {
          throw new Error(`${scriptName}.lua: function ${name} (line ${i + 1}) must end with 'end' at column 0 before line ${to + 1}`);
        }
      }
    }
    const names = new Set<string>();
    namesIn(i, to, names);
    names.delete(name);
    blocks.set(name, { from: i, to, names });
    i = to;
  }
  const kept = new Set<string>();
  const reach = (names: Set<string>) => {
    for (const name of names) {
      const block = blocks.get(name);
      if (block === undefined || kept.has(name)) continue;
      kept.add(name);
      reach(block.names);
    }
  };
  reach(rootNames);
  for (const [name, block] of blocks) if (!kept.has(name)) lines.fill('', block.from, block.to + 1);
  return lines.join('\n');
}

/** Script `name` as Redis runs it: its file with its includes inlined, and that text's SHA1. */
function loadedScript(name: string): { source: string; sha: string } {
  let script = scripts.get(name);
  if (script === undefined) {
    const source = withoutUnusedFunctions(inline(readLua(`${name}.lua`), new Set()), name);
    script = { source, sha: createHash('sha1').update(source).digest('hex') };
    scripts.set(name, script);
  }
  return script;
}

/** The SHA1 Redis knows script `name` by (EVALSHA). */
export function scriptSha(name: string): string {
  return loadedScript(name).sha;
}

/** The source Redis runs for script `name`: its file with its includes inlined. */
export function scriptSource(name: string): string {
  return loadedScript(name).source;
}

/** Every script's name by the SHA Redis knows it by (for reading SLOWLOG and LATENCY reports). */
export function scriptNamesBySha(): Map<string, string> {
  const names = new Map<string, string>();
  for (const folder of ['', 'migrations/']) {
    for (const file of readdirSync(new URL(folder || './', HERE))) {
      if (!file.endsWith('.lua')) continue;
      const name = folder + file.slice(0, -'.lua'.length);
      names.set(loadedScript(name).sha, name);
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

/** NOSCRIPT: Redis does not have the script (restarted, flushed, a promoted replica); it did not run. */
const isNoScript = (error: unknown) => error instanceof Error && error.message.startsWith('NOSCRIPT');

/**
 * Answers calls of script `name`: EVALSHA, and EVAL (which also loads it) when Redis answers that
 * it lacks the script. Plain commands rather than ioredis' `defineCommand`: an auto-pipeline
 * copies every defined command onto itself when it is built, once per batch of concurrent calls
 * (bench/NOTES.md, "The hot path").
 */
export function defineScript(redis: RedisLike, name: string): ScriptCall {
  const { source, sha } = loadedScript(name);
  return async (keys, args) => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return redis.eval(source, keys.length, ...keys, ...args);
    }
  };
}
