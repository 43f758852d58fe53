import { defineScript, type RedisLike } from './lua-script.js';

/** Deletes an endpoint and all its deliveries; true when it existed (webhook-delete-endpoint.lua). */
export function deleteEndpointScript(redis: RedisLike) {
  const call = defineScript(redis, 'webhook-delete-endpoint');
  return async (keys: { endpoints: string; health: string; prefix: string }, endpointId: string): Promise<boolean> =>
    Number(await call([keys.endpoints, keys.health], [keys.prefix, endpointId])) === 1;
}
