import { defineScript, type RedisLike } from './lua-script.js';

/** Releases a lease if `token` still holds it (release-lease.lua); true when released. */
export function releaseLeaseScript(redis: RedisLike) {
  const call = defineScript(redis, 'release-lease');
  return async (key: string, token: string): Promise<boolean> => (await call([key], [token])) === 1;
}

/** Extends a lease if `token` still holds it (extend-lease.lua); false when it was lost. */
export function extendLeaseScript(redis: RedisLike) {
  const call = defineScript(redis, 'extend-lease');
  return async (key: string, token: string, ttlMs: number): Promise<boolean> => (await call([key], [token, ttlMs])) === 1;
}
