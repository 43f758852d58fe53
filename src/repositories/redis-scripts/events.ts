import { entryEvent, type StoredEvent } from '../../domain/events.js';
import { defineScript, type RedisLike } from './lua-script.js';

/** A page of the feed holds about this many bytes of events at most (and `limit` events); the first event always comes. */
export const FEED_PAGE_MAX_BYTES = 1024 * 1024;

export type FeedRead = { kind: 'ok'; newestId: string; events: StoredEvent[] } | { kind: 'expired'; reason: string };

/** One page of a tenant's feed after `after` ('' = from the oldest kept), or why the cursor expired (events-read.lua). */
export function readEventsScript(redis: RedisLike) {
  const call = defineScript(redis, 'events-read');
  return async (tenantId: number, streamKey: string, after: string, limit: number): Promise<FeedRead> => {
    const reply = (await call([streamKey], [after, limit, FEED_PAGE_MAX_BYTES])) as (string | string[])[];
    if (reply[0] === 'expired') return { kind: 'expired', reason: reply[1] as string };
    const events: StoredEvent[] = [];
    for (let i = 2; i < reply.length; i += 2) events.push(entryEvent(tenantId, reply[i] as string, reply[i + 1] as string[]));
    return { kind: 'ok', newestId: reply[1] as string, events };
  };
}

/** Drops the events before `keepFromId`, never the newest; answers how many (events-trim.lua). */
export function trimEventsScript(redis: RedisLike) {
  const call = defineScript(redis, 'events-trim');
  return async (streamKey: string, keepFromId: string, maxBytes = 0): Promise<number> =>
    Number(await call([streamKey], [keepFromId, maxBytes]));
}
