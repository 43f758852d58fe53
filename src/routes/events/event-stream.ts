import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { EventFollow } from '../../domain/event-follow.js';
import type { AppEnv, AppServices } from '../env.js';
import { errorResponse } from '../errors.js';

/** What a stream uses of the services: this replica's stream slots, the log its end is told to. */
export type EventStreamServices = Pick<AppServices, 'streamSlots' | 'log'>;

/** How soon a client refused a stream is asked to try again. */
const STREAM_RETRY_AFTER_SECONDS = 5;

/**
 * Answers a request with a tenant's followed events as Server-Sent Events (each event one message,
 * its id the event id), a heartbeat comment while the feed is quiet, until the client goes away.
 * Shared by GET /{tenantId}/events/stream and the console's live activity.
 */
export function sendEventStream<E extends AppEnv>(
  c: Context<E>,
  services: EventStreamServices,
  follow: EventFollow,
  tenantId: number,
  streamName: string,
  slotKey: string,
): Response {
  const { log, streamSlots } = services;
  const slot = streamSlots.take(tenantId, slotKey);
  if (typeof slot !== 'function') {
    const { limit, most } = slot;
    c.header('Retry-After', String(STREAM_RETRY_AFTER_SECONDS));
    const who = limit === 'perKey' ? 'this key' : limit === 'perTenant' ? 'this tenant' : 'this replica';
    return errorResponse(
      c as never,
      'RATE_LIMITED',
      `${most} event streams are open for ${who} already, the most allowed; close one or retry`,
      {
        limit,
        most,
        retryAfterSeconds: STREAM_RETRY_AFTER_SECONDS,
      },
    );
  }
  return streamSSE(c, async (stream) => {
    stream.onAbort(slot);
    const aborted = new AbortController();
    stream.onAbort(() => aborted.abort());
    // Tells EventSource how soon to reconnect, and sends the headers at once.
    await stream.write('retry: 2000\n\n');
    try {
      await follow.run(
        {
          send: (event) => stream.writeSSE({ id: event.id, data: JSON.stringify(event) }),
          heartbeat: () => stream.write(': heartbeat\n\n').then(() => {}),
        },
        aborted.signal,
      );
    } catch (error) {
      // The consumer fell behind what the feed keeps, or Redis failed: the stream ends; a client
      // that reconnects with Last-Event-ID is then answered 410 or resumes.
      log.warn({ tenantId, err: error instanceof Error ? error.message : String(error) }, `${streamName} ended`);
    } finally {
      slot();
    }
  });
}
