import { tenantKeys } from '../keys.js';
import { defineScript, type RedisLike } from '../redis-scripts/lua-script.js';
import { tenantGenerations } from './tenant-generations.js';

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
  let converted = 0;
  for (const tenantId of tenantIds) {
    let found = false;
    for (const generation of await tenantGenerations(redis, tenantId)) {
      const g = tenantKeys(tenantId).generation(generation);
      while (Number(await call([g.index], [g.prefix, CHUNK])) > 0) found = true;
    }
    if (found) converted += 1;
  }
  return converted;
}
