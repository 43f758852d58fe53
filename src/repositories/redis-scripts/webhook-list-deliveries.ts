import { defineScript, type RedisLike } from './lua-script.js';

/** A page of an endpoint's deliveries, newest first; null when the endpoint does not exist (webhook-list-deliveries.lua). */
export function listDeliveriesScript(redis: RedisLike) {
  const call = defineScript(redis, 'webhook-list-deliveries');
  return async (
    keys: { endpoints: string; prefix: string },
    endpointId: string,
    status: string | null,
    cursor: string | null,
    limit: number,
  ): Promise<{ nextCursor: string | null; deliveries: { eventId: string; stateJson: string }[] } | null> => {
    const reply = (await call([keys.endpoints], [keys.prefix, endpointId, status ?? '', cursor ?? '', limit])) as (string | number)[];
    if (Number(reply[0]) === 0) return null;
    const deliveries: { eventId: string; stateJson: string }[] = [];
    for (let i = 2; i < reply.length; i += 2) deliveries.push({ eventId: String(reply[i]), stateJson: String(reply[i + 1]) });
    return { nextCursor: reply[1] ? String(reply[1]) : null, deliveries };
  };
}
