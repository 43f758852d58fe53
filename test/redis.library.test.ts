import { readdirSync, readFileSync } from 'node:fs';
import { Cluster, type Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  functionName,
  includesOf,
  libraryName,
  librarySource,
  libraryVersion,
  loadLibrary,
  scriptNames,
} from '../src/repositories/redis-scripts/lua-script.js';
import { startTestService, type TestService } from './support/harness.js';
import { declaredArity } from './support/script-arity.js';

/**
 * The rules the Lua follows (src/repositories/redis-scripts/lua-script.ts): one helper per include
 * file, named after it, taking what it needs as parameters; one function registered per script;
 * `@include` lines that name exactly the helpers a file calls; a header that declares each script's
 * KEYS and ARGV (the suite checks every call against it: support/script-arity.ts).
 */
const DIR = new URL('../src/repositories/redis-scripts/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, DIR), 'utf8');
const snake = (name: string) => name.replace(/[/-]/g, '_');
const includeNames = readdirSync(new URL('includes/', DIR))
  .filter((f) => f.endsWith('.lua'))
  .map((f) => f.slice(0, -4));
const helperFile = new Map(includeNames.map((name) => [snake(name), name]));

/** The code of a Lua file: comments and string literals blanked. */
function code(source: string): string {
  return source
    .replace(/--\[\[[\s\S]*?\]\]/g, ' ')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, "''")
    .replace(/--[^\n]*/g, ' ');
}

/** The globals a function body may use: Redis' Lua environment. */
const LUA_GLOBALS = new Set(
  'redis cjson cmsgpack struct bit string table math tonumber tostring type ipairs pairs next select unpack error pcall assert setmetatable getmetatable rawget rawset'.split(
    ' ',
  ),
);
const KEYWORDS = new Set(
  'and break do else elseif end false for function if in local nil not or repeat return then true until while'.split(' '),
);

/** Names a file calls as functions, other than methods and those it defines itself. */
function calledNames(source: string): Set<string> {
  const text = code(source);
  const defined = new Set([...text.matchAll(/local function (\w+)/g)].map((m) => m[1]!));
  const localValues = new Set([...text.matchAll(/local ([\w, ]+?)\s*=/g)].flatMap((m) => m[1]!.split(/\s*,\s*/)));
  const called = new Set<string>();
  for (const m of text.matchAll(/(?<![\w.:])([A-Za-z_]\w*)\s*\(/g)) {
    const name = m[1]!;
    if (!defined.has(name) && !localValues.has(name) && !KEYWORDS.has(name) && name !== 'register') called.add(name);
  }
  return called;
}

describe('the Lua library, file by file', () => {
  it.each(includeNames)('includes/%s.lua defines one function, named after its file, and nothing else', (name) => {
    const text = code(read(`includes/${name}.lua`));
    const topLevel = text.split('\n').filter((line) => /^\S/.test(line));
    const definitions = topLevel.filter((line) => line.startsWith('local function '));
    expect(definitions.map((line) => /^local function (\w+)/.exec(line)![1])).toEqual([snake(name)]);
    expect(
      topLevel.filter((line) => !line.startsWith('local function ') && line !== 'end'),
      'top-level statements',
    ).toEqual([]);
  });

  it.each(scriptNames)('%s.lua registers one function named after its file', (name) => {
    const registrations = [...read(`${name}.lua`).matchAll(/^register\('(\w+)', function\(KEYS, ARGV\)$/gm)].map((m) => m[1]);
    expect(registrations).toEqual([snake(name)]);
  });

  it.each([...includeNames.map((n) => `includes/${n}`), ...scriptNames])(
    '%s.lua includes exactly the helpers it calls, and nothing undefined',
    (path) => {
      const source = read(`${path}.lua`);
      const called = calledNames(source);
      const self = path.startsWith('includes/') ? snake(path.slice('includes/'.length)) : '';
      called.delete(self);
      const helpers = [...called].filter((name) => helperFile.has(name)).map((name) => helperFile.get(name)!);
      expect(includesOf(source).sort(), '@include lines').toEqual([...new Set(helpers)].sort());
      expect(
        [...called].filter((name) => !helperFile.has(name) && !LUA_GLOBALS.has(name)),
        'calls of functions no include or Lua defines',
      ).toEqual([]);
    },
  );

  it.each(includeNames)('includes/%s.lua reads no key or argument it is not given', (name) => {
    const text = code(read(`includes/${name}.lua`));
    const params = /^local function \w+\(([^)]*)\)/m.exec(text)![1]!.split(/\s*,\s*/);
    for (const global of ['ctx', 'KEYS', 'ARGV']) {
      if (new RegExp(`\\b${global}\\b`).test(text.replace(/^local function [^\n]*/m, ''))) expect(params, global).toContain(global);
    }
  });

  it.each(scriptNames)("%s.lua's header says its KEYS, ARGV, reply and arity", (name) => {
    const header = /^--\[\[([\s\S]*?)\]\]/.exec(read(`${name}.lua`))?.[1] ?? '';
    expect(header).toMatch(/KEYS/);
    expect(header).toMatch(/Output|Reply|answers/i);
    expect(declaredArity(name), 'Arity: KEYS n[+], ARGV m[+]').not.toBeNull();
  });
});

describe('the library in Redis', () => {
  let svc: TestService;
  let masters: Redis[];
  beforeAll(async () => {
    svc = await startTestService({ ownRedis: true });
    masters = svc.redis instanceof Cluster ? svc.redis.nodes('master') : [svc.redis as Redis];
  });
  afterAll(() => svc.close());

  it('is loaded on every master under a name that carries its version, every function suffixed with it', async () => {
    await loadLibrary(svc.redis);
    for (const node of masters) {
      const listed = (await node.call('FUNCTION', 'LIST', 'LIBRARYNAME', libraryName)) as unknown[][];
      expect(listed).toHaveLength(1);
      const functions = (listed[0]![5] as unknown[][]).map((f) => f[1]);
      expect([...functions].sort()).toEqual(scriptNames.map(functionName).sort());
    }
    expect(functionName('upsert-order')).toBe(`upsert_order_${libraryVersion}`);
  });

  it('runs beside another release of itself (a rolling upgrade): each release calls its own functions', async () => {
    const otherVersion = 'f'.repeat(12);
    const other = librarySource.replaceAll(libraryVersion, otherVersion);
    for (const node of masters) {
      await node.call('FUNCTION', 'LOAD', 'REPLACE', other);
      await loadLibrary(node);
      const names = ((await node.call('FUNCTION', 'LIST', 'LIBRARYNAME', 'reservoir_*')) as unknown[][]).map((l) => l[1]);
      expect(names).toEqual(expect.arrayContaining([libraryName, `reservoir_${otherVersion}`]));
    }
    const key = '{t:1}lease-test';
    await svc.redis.set(key, 'me');
    // release-lease.lua: KEYS[1] the lease, ARGV[1] its holder; the other release's copy answers too.
    expect(await svc.redis.fcall(functionName('release-lease'), 1, key, 'someone-else')).toBe(0);
    expect(await svc.redis.fcall(`release_lease_${otherVersion}`, 1, key, 'me')).toBe(1);
    for (const node of masters) await node.call('FUNCTION', 'DELETE', `reservoir_${otherVersion}`);
  });
});
