/**
 * A service whose webhooks go to receivers of the test's own (node:http on loopback), for the
 * webhook tests that run the dispatcher in-process: on a Redis of its own (the dispatcher serves
 * every tenant of its Redis), loopback addresses allowed, no endpoint disabled during a test. The
 * receivers it starts are closed at the end, before the dispatcher and the service: an attempt a
 * receiver holds then ends, and the dispatcher stops at once.
 */
import { expect } from 'vitest';
import type { WebhookSettings } from '../../src/domain/webhook-endpoints.js';
import type { AttemptResult } from '../../src/domain/webhooks.js';
import { startTestService, type TestService } from './harness.js';
import { type Receiver, startReceiver } from './receiver.js';

/** One attempt as the service made it: when it started and ended on the service's clock, and what it gave. */
export interface AttemptMade {
  url: string;
  startedAt: number;
  endedAt: number;
  result: AttemptResult;
}

export interface WebhookService {
  svc: TestService;
  /**
   * The attempts the service made to `url`, in order, timed where the service made them: the
   * receiver's own arrival times also hold how late a loaded machine let the request through.
   */
  attemptsTo(url: string): AttemptMade[];
  /** A receiver answering `answer` (200 by default), closed with the service. */
  receiver(answer?: Parameters<typeof startReceiver>[0]): Promise<Receiver>;
  /** A receiver started elsewhere, closed with the service. */
  track(receiver: Receiver): Receiver;
  /** Creates an endpoint (201 expected) for `events` (order.created by default). */
  createEndpoint(tenantId: number, url: string, events?: string[]): Promise<{ id: string; secret: string }>;
  /** The receivers, then the dispatcher, then the service. */
  close(): Promise<void>;
}

export async function startWebhookService(options: {
  /** The delivery settings under test (timeout, retry schedule, concurrency...). */
  webhooks: Partial<WebhookSettings>;
  /** Whether the dispatcher runs from the start (default), or the test starts it itself. */
  dispatcher?: 'started' | 'stopped';
}): Promise<WebhookService> {
  const svc = await startTestService({
    ownRedis: true,
    settings: { webhooks: { allowPrivateNetworks: true, disableAfterMs: 3_600_000, ...options.webhooks } },
  });
  const attempts: AttemptMade[] = [];
  const transport = svc.services.webhooks.transport;
  const send = transport.send.bind(transport);
  transport.send = async (url, headers, body, timeoutMs) => {
    const startedAt = Date.now();
    const result = await send(url, headers, body, timeoutMs);
    attempts.push({ url, startedAt, endedAt: Date.now(), result });
    return result;
  };
  if (options.dispatcher !== 'stopped') svc.services.webhooks.dispatcher.start();
  const receivers: Receiver[] = [];
  const track = (receiver: Receiver) => {
    receivers.push(receiver);
    return receiver;
  };
  return {
    svc,
    attemptsTo: (url) => attempts.filter((a) => a.url === url),
    track,
    receiver: async (answer) => track(await startReceiver(answer)),
    async createEndpoint(tenantId, url, events = ['order.created']) {
      const res = await svc.call('POST', `/${tenantId}/webhooks`, { url, events });
      expect(res.status).toBe(201);
      return res.body as { id: string; secret: string };
    },
    async close() {
      await Promise.all(receivers.map((r) => r.close()));
      await svc.services.webhooks.dispatcher.stop().catch(() => {});
      await svc.close();
    },
  };
}
