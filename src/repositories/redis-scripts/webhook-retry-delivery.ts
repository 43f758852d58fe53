import { defineScript, type RedisLike } from './lua-script.js';

export type RetryReply =
  | { kind: 'ok'; stateJson: string }
  | { kind: 'no-endpoint' | 'no-delivery' | 'endpoint-disabled' | 'endpoint-paused' }
  | { kind: 'not-failed'; status: string };

/** Makes a failed delivery pending again, due now (webhook-retry-delivery.lua). */
export function retryDeliveryScript(redis: RedisLike) {
  const call = defineScript(redis, 'webhook-retry-delivery');
  return async (
    keys: { endpoints: string; health: string; prefix: string },
    endpointId: string,
    eventId: string,
    now: number,
  ): Promise<RetryReply> => {
    const reply = (await call([keys.endpoints, keys.health], [keys.prefix, endpointId, eventId, now])) as string[];
    if (reply[0] === 'ok') return { kind: 'ok', stateJson: reply[1]! };
    if (reply[0] === 'not-failed') return { kind: 'not-failed', status: reply[1]! };
    return { kind: reply[0] as 'no-endpoint' | 'no-delivery' | 'endpoint-disabled' | 'endpoint-paused' };
  };
}
