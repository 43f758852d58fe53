import { defineScript, type RedisLike } from '../redis-scripts/lua-script.js';
import { convertGenerations } from './tenant-generations.js';

/** Entries moved per script call: a few milliseconds of Redis each. */
const CHUNK = 1000;

/**
 * Builds before issue 20's article indexes kept an order's articles as entries of G:i; this one
 * keeps each article's orders in G:ai:<artGuid> (redis-scripts/migrations/article-indexes.lua).
 * Converts every tenant's generations (visible and awaiting deletion); answers how many tenants it
 * converted. Runs after the other index migrations, which write G:i as it was.
 */
export async function moveArticleIndexes(redis: RedisLike, tenantIds: number[]): Promise<number> {
  const call = defineScript(redis, 'migrations/article-indexes');
  return convertGenerations(redis, tenantIds, async (g) => {
    let moved = false;
    while (Number(await call([g.index], [g.prefix, CHUNK])) > 0) moved = true;
    return moved;
  });
}
