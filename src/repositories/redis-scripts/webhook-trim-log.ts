import { defineScript, type RedisLike } from './lua-script.js';

/** Forgets an endpoint's old finished deliveries, at most `batch` of each kind; answers how many (webhook-trim-log.lua). */
export function trimLogScript(redis: RedisLike) {
  const call = defineScript(redis, 'webhook-trim-log');
  return async (
    keys: { endpoints: string; prefix: string },
    endpointId: string,
    keepFromMs: number,
    most: number,
    batch: number,
  ): Promise<number> =>
    Number(await call([keys.endpoints], [keys.prefix, endpointId, `${Math.max(0, Math.floor(keepFromMs))}-0`, most, batch]));
}
