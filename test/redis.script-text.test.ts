/**
 * The text Redis runs for each script: its file with its includes inlined, less the top-level
 * functions nothing in it calls (each would cost its closure at every call).
 */
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptNamesBySha, scriptSource, withoutUnusedFunctions } from '../src/repositories/redis-scripts/lua-script.js';
import { startTestService, type TestService } from './support/harness.js';

const SOURCE = `-- helpers
local function unused(x)
  return helper(x)
end
local function helper(x)
  return x + 1
end
local function one_liner(x) if x then return x end end
local function used_by_used(x)
  return one_liner(x) * 2
end
local function unused_one_liner(x) return x end
local function ping(x)
  return pong(x)
end
local function pong(x)
  return ping(x)
end
local function used(x)
  -- says unused() in a comment only
  return used_by_used(x)
end
return used(ARGV[1])`;

describe('a script without its unused functions', () => {
  const shaken = withoutUnusedFunctions(SOURCE, 'example');

  it('drops a function nothing calls, and one only a dropped function called', () => {
    expect(shaken).not.toContain('local function unused(');
    expect(shaken).not.toContain('local function helper(');
  });

  it('drops functions that only call each other', () => {
    expect(shaken).not.toContain('local function ping(');
    expect(shaken).not.toContain('local function pong(');
  });

  it('keeps a called function and what it calls; a name in a comment does not count', () => {
    expect(shaken).toContain('local function used(x)');
    expect(shaken).toContain('local function used_by_used(x)');
    expect(shaken).toContain('local function one_liner(x)');
    expect(shaken).not.toContain('unused_one_liner');
  });

  it('keeps every line where it was, so that Redis line numbers still match', () => {
    expect(shaken.split('\n')).toHaveLength(SOURCE.split('\n').length);
    expect(shaken.split('\n').at(-1)).toBe('return used(ARGV[1])');
  });

  it('refuses a function whose end is not at column 0', () => {
    expect(() => withoutUnusedFunctions('local function f()\n  return 1\n  end\nreturn f()\nlocal x = 1', 'bad')).toThrow(
      /bad\.lua: function f/,
    );
  });
});

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

describe('every script', () => {
  it('compiles in Redis as it is sent, and is known by the SHA the service calls it by', async () => {
    const node = svc.redis instanceof Cluster ? svc.redis.nodes('master')[0]! : svc.redis;
    const names = scriptNamesBySha();
    expect(names.size).toBeGreaterThan(30);
    for (const [sha, name] of names) {
      expect(await node.script('LOAD', scriptSource(name)), name).toBe(sha);
    }
  });

  it('defines no function it does not call', () => {
    for (const name of scriptNamesBySha().values()) {
      const source = scriptSource(name);
      expect(withoutUnusedFunctions(source, name), name).toBe(source);
    }
  });
});
