import type { StoredEvent } from '../../domain/events.js';
import { defineScript, type RedisLike } from './lua-script.js';

export type FeedRead = { kind: 'ok'; newestId: string; events: StoredEvent[] } | { kind: 'expired'; reason: string };

/** One page of a tenant's feed after `after` ('' = from the oldest kept), or why the cursor expired (events-read.lua). */
export function readEventsScript(redis: RedisLike) {
  const call = defineScript(redis, 'events-read');
  return async (streamKey: string, after: string, limit: number): Promise<FeedRead> => {
    const reply = (await call([streamKey], [after, limit])) as string[];
    if (reply[0] === 'expired') return { kind: 'expired', reason: reply[1]! };
    const events: StoredEvent[] = [];
    for (let i = 2; i < reply.length; i += 3) events.push({ id: reply[i]!, type: reply[i + 1]!, data: reply[i + 2]! });
    return { kind: 'ok', newestId: reply[1]!, events };
  };
}

/** Drops the events before `keepFromId`, never the newest; answers how many (events-trim.lua). */
export function trimEventsScript(redis: RedisLike) {
  const call = defineScript(redis, 'events-trim');
  return async (streamKey: string, keepFromId: string): Promise<number> => Number(await call([streamKey], [keepFromId]));
}
