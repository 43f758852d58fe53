import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { EventFollow } from '../../domain/event-follow.js';
import type { AppEnv } from '../env.js';

/**
 * Answers a request with a tenant's followed events as Server-Sent Events (each event one message,
 * its id the event id), a heartbeat comment while the feed is quiet, until the client goes away.
 * Shared by GET /{tenantId}/events/stream and the console's live activity.
 */
export function sendEventStream<E extends AppEnv>(c: Context<E>, follow: EventFollow, tenantId: number, streamName: string): Response {
  const log = c.get('log');
  return streamSSE(c, async (stream) => {
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
    }
  });
}
