/**
 * The order-list worker (see order-list-parser.ts): parses a PUT /{tenantId}/orders body and checks
 * it exactly as the route does on the event loop (the OrderList schema, then the tenant and
 * duplicate checks and normalisation, element by element), off the event loop.
 */
import { parentPort } from 'node:worker_threads';
import { DomainError } from '../../domain/errors.js';
import { OrderSetIntake, type Order } from '../../domain/order.js';
import { validationFailure } from '../errors.js';
import { OrderListSchema, OrderSchema } from '../schemas.js';
import { MORE, type ParseJob, type ParseReply } from './order-list-parser.js';

if (!parentPort) throw new Error('order-list-parser.worker runs in a worker thread');
parentPort.on('message', (job: ParseJob) => void parseOrderList(job));

async function parseOrderList({ body, tenantId, chunkSize, window, port }: ParseJob): Promise<void> {
  const reply = (message: ParseReply) => port.postMessage(message);
  let credit = window;
  let wake: (() => void) | undefined;
  port.on('message', (message: unknown) => {
    if (message !== MORE) return;
    credit += 1;
    wake?.();
  });
  /** Posts a chunk once the main thread has taken in all but `window - 1` of those before it. */
  const sendChunk = async (orders: Order[]) => {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit -= 1;
    reply({ type: 'orders', orders });
  };

  let list: unknown;
  try {
    list = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return reply({ type: 'malformed' });
  }
  // Any element failing the schema refuses the body with every issue of the whole list, as the
  // route's validator does; only a body that passes it meets the tenant and duplicate checks.
  const refuseInvalid = () => {
    const result = OrderListSchema.safeParse(list);
    if (result.success) throw new Error('an element failed the Order schema but the list passed OrderList');
    reply({ type: 'refused', code: 'VALIDATION_FAILED', ...validationFailure(result.error) });
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
      await sendChunk(chunk);
      chunk = [];
    }
  }
  if (refusal) return reply({ type: 'refused', code: refusal.code, message: refusal.message, details: refusal.details });
  if (chunk.length > 0) await sendChunk(chunk);
  reply({ type: 'done', count: list.length });
}
