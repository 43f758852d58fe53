/**
 * The order-list worker (see order-list-parser.ts): parses a PUT /{tenantId}/orders body and checks
 * it exactly as the route does on the event loop (the OrderList schema, then the tenant and
 * duplicate checks and normalisation, element by element), off the event loop.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { DomainError } from '../domain/errors.js';
import { OrderSetIntake, type Order } from '../domain/order.js';
import { OrderListSchema, OrderSchema } from '../schemas/common.js';
import { validationFailure } from '../schemas/validation.js';
import type { ParseJob, ParseReply, ParseRequest } from './order-list-parser.js';

if (!parentPort) throw new Error('order-list-parser.worker runs in a worker thread');
parentPort.on('message', (job: ParseJob) => void runJob(job));

/**
 * Bodies are received side by side (a slow upload holds no one up) and parsed one at a time (one
 * parsed list in memory at once). An unexpected error ends the worker: the main thread fails the
 * PUT and starts another worker.
 */
let parsing: Promise<unknown> = Promise.resolve();

async function runJob(job: ParseJob): Promise<void> {
  const channel = openChannel(job);
  const body = await channel.body;
  if (body === undefined) return;
  const turn = parsing.then(async () => {
    if (channel.isOpen()) await parseOrderList(body, job.tenantId, job.chunkSize, channel);
  });
  parsing = turn.catch(() => {});
  await turn;
}

interface Channel {
  /** The whole body, or undefined if the main thread gave up on it. */
  body: Promise<Uint8Array | undefined>;
  reply(message: ParseReply): void;
  /** Posts a chunk once the main thread has taken in all but `window - 1` of those before it. */
  sendChunk(orders: Order[]): Promise<void>;
  /** False once the main thread closed the job's port: it has its answer, or gave up. */
  isOpen(): boolean;
}

function openChannel({ port, window }: { port: MessagePort; window: number }): Channel {
  const pieces: Uint8Array[] = [];
  let endBody: (body: Uint8Array | undefined) => void = () => {};
  const body = new Promise<Uint8Array | undefined>((resolve) => (endBody = resolve));
  let open = true;
  let credit = window;
  let wake = () => {};
  port.on('message', (request: ParseRequest) => {
    if (request.type === 'body') pieces.push(request.bytes);
    else if (request.type === 'end') endBody(Buffer.concat(pieces.splice(0)));
    else if (request.type === 'more') {
      credit += 1;
      wake();
    }
  });
  port.once('close', () => {
    open = false;
    endBody(undefined);
    wake();
  });
  return {
    body,
    reply: (message) => port.postMessage(message),
    async sendChunk(orders) {
      while (credit === 0 && open) await new Promise<void>((resolve) => (wake = resolve));
      credit -= 1;
      port.postMessage({ type: 'orders', orders } satisfies ParseReply);
    },
    isOpen: () => open,
  };
}

async function parseOrderList(body: Uint8Array, tenantId: number, chunkSize: number, channel: Channel): Promise<void> {
  let list: unknown;
  try {
    list = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return channel.reply({ type: 'malformed' });
  }
  // Any element failing the schema refuses the body with every issue of the whole list, as the
  // route's validator does; only a body that passes it meets the tenant and duplicate checks.
  const refuseInvalid = () => {
    const result = OrderListSchema.safeParse(list);
    if (result.success) throw new Error('an element failed the Order schema but the list passed OrderList');
    channel.reply({ type: 'refused', code: 'VALIDATION_FAILED', ...validationFailure(result.error) });
  };
  if (!Array.isArray(list)) return refuseInvalid();

  const intake = new OrderSetIntake(tenantId);
  let refusal: DomainError | undefined;
  let chunk: Order[] = [];
  for (let i = 0; i < list.length; i++) {
    const element = OrderSchema.safeParse(list[i]);
    if (!element.success) return refuseInvalid();
    if (refusal) continue;
    try {
      chunk.push(intake.accept(element.data, i));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refusal = error;
      chunk = [];
      continue;
    }
    if (chunk.length === chunkSize) {
      await channel.sendChunk(chunk);
      if (!channel.isOpen()) return;
      chunk = [];
    }
  }
  if (refusal) return channel.reply({ type: 'refused', code: refusal.code, message: refusal.message, details: refusal.details });
  if (chunk.length > 0) await channel.sendChunk(chunk);
  channel.reply({ type: 'done', count: list.length });
}
