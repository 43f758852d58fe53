import { defineScript, type RedisLike } from './lua-script.js';

/** Per endpoint: pending deliveries and the oldest one's event id (webhook-pending-stats.lua). */
export function pendingStatsScript(redis: RedisLike) {
  const call = defineScript(redis, 'webhook-pending-stats');
  return async (keys: {
    endpoints: string;
    prefix: string;
  }): Promise<{ endpointId: string; pending: number; oldestEventId: string | null }[]> => {
    const reply = (await call([keys.endpoints], [keys.prefix])) as (string | number)[];
    const stats = [];
    for (let i = 0; i < reply.length; i += 3)
      stats.push({
        endpointId: String(reply[i]),
        pending: Number(reply[i + 1]),
        oldestEventId: reply[i + 2] ? String(reply[i + 2]) : null,
      });
    return stats;
  };
}
