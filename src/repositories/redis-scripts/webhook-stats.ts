import { defineScript, type RedisLike } from './lua-script.js';

/** Counts over a window, as webhook-stats.lua sums them (includes/wh-count.lua writes them). */
export interface StoredFigures {
  a: number;
  ok: number;
  d: number;
  f: number;
  /** Attempts by duration bucket (WEBHOOK_DURATION_BOUNDS_MS, then the rest). */
  h: number[];
}

export interface StoredEndpointStats {
  hour: StoredFigures;
  day: StoredFigures;
  last: { okAt?: string; failAt?: string; failStatus?: string; failError?: string; dropped?: string; droppedAt?: string };
  pending: number;
  oldest: string;
}

/** An endpoint's delivery figures, null when there is no such endpoint (webhook-stats.lua). */
export function endpointStatsScript(redis: RedisLike) {
  const call = defineScript(redis, 'webhook-stats');
  return async (keys: { endpoints: string; prefix: string }, endpointId: string, now: number): Promise<StoredEndpointStats | null> => {
    const reply = (await call([keys.endpoints], [keys.prefix, endpointId, now])) as string | null;
    return reply ? (JSON.parse(reply) as StoredEndpointStats) : null;
  };
}
