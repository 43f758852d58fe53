/**
 * The change feed as tests see it: orders written through the API (each write appends its event
 * in the same script), the stream's ids read raw from Redis (not through the code under test),
 * and a Server-Sent Events reader over a real response body.
 */
import type { Cluster, Redis } from 'ioredis';
import type { Order } from '../../src/domain/order.js';
import { makeOrder } from './harness.js';

export const eventsKey = (tenantId: number) => `r:{t:${tenantId}}:events`;

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;

/** Creates `n` orders through the API, `concurrency` at a time (one order.created event each). */
export async function createOrders(call: Call, tenantId: number, n: number, concurrency = 25): Promise<Order[]> {
  const orders = Array.from({ length: n }, () => makeOrder(tenantId));
  for (let i = 0; i < n; i += concurrency) {
    await Promise.all(
      orders.slice(i, i + concurrency).map(async (order) => {
        const res = await call('POST', `/${tenantId}/order`, order);
        if (res.status !== 200) throw new Error(`POST order: ${res.status} ${JSON.stringify(res.body)}`);
      }),
    );
  }
  return orders;
}

/** The ids in the tenant's stream, oldest first (after `after` when given), read raw from Redis. */
export async function streamIds(redis: Redis | Cluster, tenantId: number, after?: string): Promise<string[]> {
  const entries = (await redis.xrange(eventsKey(tenantId), after ? `(${after}` : '-', '+')) as [string, string[]][];
  return entries.map(([id]) => id);
}

export interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
  retry?: number;
}

export interface SseReader {
  status: number;
  headers: Headers;
  /** The next message with data, or a rejection after `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseMessage>;
  /** Messages until `count` with data were read. */
  take(count: number, timeoutMs?: number): Promise<SseMessage[]>;
  /** Comment lines seen so far (heartbeats). */
  comments: string[];
  /** The body when the response is not a stream (an error answer). */
  body?: unknown;
  close(): Promise<void>;
}

/** Reads a text/event-stream response as the EventSource algorithm does (fields, blank line ends a message). */
export async function readSse(response: Response): Promise<SseReader> {
  const comments: string[] = [];
  if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // text
    }
    return {
      status: response.status,
      headers: response.headers,
      comments,
      body,
      next: () => Promise.reject(new Error('not a stream')),
      take: () => Promise.reject(new Error('not a stream')),
      close: async () => {},
    };
  }
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const messages: SseMessage[] = [];
  let current: SseMessage = {};
  let ended = false;
  let waiting = null as (() => void) | null;
  const pump = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let newline = buffer.search(/\r\n|\r|\n/); newline >= 0; newline = buffer.search(/\r\n|\r|\n/)) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
          if (line === '') {
            if (current.data !== undefined || current.id !== undefined || current.retry !== undefined) messages.push(current);
            current = {};
            waiting?.();
          } else if (line.startsWith(':')) {
            comments.push(line.slice(1).trim());
          } else {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'data') current.data = current.data === undefined ? value : `${current.data}\n${value}`;
            else if (field === 'id') current.id = value;
            else if (field === 'event') current.event = value;
            else if (field === 'retry') current.retry = Number(value);
          }
        }
      }
    } catch {
      // cancelled
    } finally {
      ended = true;
      waiting?.();
    }
  })();
  const next = async (timeoutMs = 5000): Promise<SseMessage> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = messages.findIndex((m) => m.data !== undefined);
      if (index >= 0) return messages.splice(0, index + 1).at(-1)!;
      if (ended) throw new Error('the stream ended');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no message within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiting = () => {
          clearTimeout(timer);
          waiting = null;
          resolve();
        };
      });
    }
  };
  return {
    status: response.status,
    headers: response.headers,
    comments,
    next,
    async take(count, timeoutMs = 10_000) {
      const out: SseMessage[] = [];
      const deadline = Date.now() + timeoutMs;
      while (out.length < count) out.push(await next(Math.max(1, deadline - Date.now())));
      return out;
    },
    async close() {
      await reader.cancel().catch(() => {});
      await pump;
    },
  };
}
