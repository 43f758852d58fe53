/**
 * Following a tenant's feed as it grows (what a Server-Sent Events stream sends): first the
 * events after the consumer's cursor, read page by page, then each new event as the watcher sees
 * it, in order, each exactly once.
 */
import {
  compareEventIds,
  toFeedEvent,
  type EventBatch,
  type EventFeedStore,
  type EventWatcher,
  type FeedEvent,
  type StoredEvent,
} from './events.js';

export interface FollowSink {
  send(event: FeedEvent): Promise<void>;
  /** Says "still here" to the consumer when nothing was sent for a while. */
  heartbeat(): Promise<void>;
}

/** How one follow reads the feed: a page at a time, a heartbeat when quiet (the caller's choice, per follow). */
export interface FollowOptions {
  pageSize: number;
  heartbeatMs: number;
}

export interface EventFollow {
  /** Sends until `signal` aborts, the watcher closes, or the consumer falls behind what the feed keeps. */
  run(sink: FollowSink, signal: AbortSignal): Promise<void>;
  /** Stops watching (run does it when it ends; for a follow never run). */
  stop(): void;
}

/**
 * Watches the tenant first (so that nothing appended from then on can be missed), then reads the
 * first page after `cursor`, which throws CursorExpired before anything is sent when the feed no
 * longer holds every event after it. Without a cursor, only events appended from now on are sent.
 */
export async function openEventFollow(
  deps: { feed: EventFeedStore; watcher: EventWatcher },
  tenantId: number,
  cursor: string | null,
  options: FollowOptions,
): Promise<EventFollow> {
  let latest: EventBatch | null = null;
  let closed = false;
  let wake: (() => void) | null = null;
  const watch = await deps.watcher.watch(tenantId, (batch) => {
    if (batch === null) closed = true;
    else latest = batch;
    wake?.();
  });
  let first: StoredEvent[] = [];
  try {
    if (cursor !== null) first = (await deps.feed.readEvents(tenantId, cursor, options.pageSize)).events;
  } catch (error) {
    watch.stop();
    throw error;
  }

  return {
    stop: () => watch.stop(),
    async run(sink, signal) {
      let last = cursor ?? watch.position;
      let lastWrite = Date.now();
      const send = async (events: StoredEvent[]) => {
        for (const event of events) {
          if (compareEventIds(event.id, last) <= 0) continue;
          await sink.send(toFeedEvent(tenantId, event));
          last = event.id;
          lastWrite = Date.now();
        }
      };
      const onAbort = () => wake?.();
      signal.addEventListener('abort', onAbort);
      try {
        await send(first);
        let behind = first.length >= options.pageSize;
        while (!signal.aborted && !closed) {
          if (behind) {
            const page = await deps.feed.readEvents(tenantId, last, options.pageSize);
            await send(page.events);
            behind = page.events.length >= options.pageSize;
            continue;
          }
          const batch: EventBatch | null = latest;
          if (batch) {
            latest = null;
            // Events between what was sent and this batch (read before watching, or a batch
            // overtaken while the consumer was slow): read them from the feed.
            if (compareEventIds(last, batch.after) < 0) behind = true;
            else await send(batch.events);
            continue;
          }
          const idleMs = options.heartbeatMs - (Date.now() - lastWrite);
          if (idleMs <= 0) {
            await sink.heartbeat();
            lastWrite = Date.now();
            continue;
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(done, idleMs);
            function done() {
              clearTimeout(timer);
              wake = null;
              resolve();
            }
            wake = done;
          });
        }
      } finally {
        signal.removeEventListener('abort', onAbort);
        watch.stop();
      }
    },
  };
}
