import { defineScript, type RedisLike } from './lua-script.js';

export type RetryFailedReply = { kind: 'ok'; retried: number } | { kind: 'no-endpoint' | 'endpoint-disabled' | 'endpoint-paused' };

/** Makes up to `most` failed deliveries of an endpoint pending again, due now (webhook-retry-failed.lua). */
export function retryFailedScript(redis: RedisLike) {
  const call = defineScript(redis, 'webhook-retry-failed');
  return async (
    keys: { endpoints: string; health: string; prefix: string },
    endpointId: string,
    now: number,
    most: number,
  ): Promise<RetryFailedReply> => {
    const reply = (await call([keys.endpoints, keys.health], [keys.prefix, endpointId, now, most])) as (string | number)[];
    if (reply[0] === 'ok') return { kind: 'ok', retried: Number(reply[1]) };
    return { kind: reply[0] as 'no-endpoint' | 'endpoint-disabled' | 'endpoint-paused' };
  };
}
