import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { DomainError, type DomainErrorCode } from '../../domain/errors.js';
import type { Order } from '../../domain/order.js';

/** What the parser asks of its worker: one body, answered on its own port. */
export interface ParseJob {
  body: ArrayBuffer;
  tenantId: number;
  chunkSize: number;
  /** Chunks the worker may post before the main thread asks for more. */
  window: number;
  port: MessagePort;
}

/** What the worker answers on a job's port: chunks of orders, then `done`, or one refusal. */
export type ParseReply =
  | { type: 'orders'; orders: Order[] }
  | { type: 'done'; count: number }
  | { type: 'malformed' }
  | { type: 'refused'; code: DomainErrorCode; message: string; details?: unknown };

/** The main thread's word to the worker that it took a chunk in and may have another. */
export const MORE = 'more';

/**
 * The refusal of a body that does not parse as JSON (or cannot be read): hono's JSON validator's,
 * which answers the bodies parsed on the event loop.
 */
export const malformedBody = () => new HTTPException(400, { message: 'Malformed JSON in request body' });

const WORKER_ENTRY = 'order-list-parser.worker';

/** Chunks the worker may have posted that the event loop has not taken in yet. */
const CHUNKS_IN_FLIGHT = 2;

/** Below this, a body is parsed faster on the event loop than it is handed to the worker and back. */
export const DEFAULT_WORKER_THRESHOLD_BYTES = 1024 * 1024;

export interface OrderListParserOptions {
  /** Bodies of PUT /{tenantId}/orders over this size are parsed here; smaller ones by the route. */
  thresholdBytes?: number;
  /** Orders per message from the worker: what the event loop deserialises at a time. */
  chunkSize?: number;
  log?: Logger;
}

/**
 * Parses and checks PUT /{tenantId}/orders bodies in a worker thread, so that a body of tens of
 * MiB never holds the event loop (JSON.parse, the OrderList schema, the tenant and duplicate
 * checks, normalisation and their garbage held it ~3 s for 100,000 orders, bench/RESULTS.md).
 * Same answers as the route's own validation: the normalised orders, or the same refusal.
 *
 * One worker, started at the first body and kept (unref'd: it never keeps the process alive);
 * bodies are parsed one at a time. Orders come back in chunks, the next one only once the event
 * loop has had a turn, so deserialising them is spread between other requests. A worker that dies
 * fails its body with a plain error (a 500) and is replaced at the next body.
 */
export class OrderListParser {
  private worker?: Worker;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly chunkSize: number;
  readonly thresholdBytes: number;

  constructor(private readonly options: OrderListParserOptions = {}) {
    this.chunkSize = options.chunkSize ?? 1000;
    this.thresholdBytes = options.thresholdBytes ?? DEFAULT_WORKER_THRESHOLD_BYTES;
  }

  /**
   * The body's orders, normalised; rejects with the error the route gives for it: an
   * HTTPException for JSON that does not parse, a DomainError for a refused element.
   * `body` is transferred to the worker: it is unusable afterwards.
   */
  parse(body: ArrayBuffer, tenantId: number): Promise<Order[]> {
    const parsed = this.queue.then(() => this.run(body, tenantId));
    this.queue = parsed.catch(() => {});
    return parsed;
  }

  /** Stops the worker; a body being parsed fails. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private run(body: ArrayBuffer, tenantId: number): Promise<Order[]> {
    const worker = this.startedWorker();
    const { port1: port, port2: workerPort } = new MessageChannel();
    return new Promise<Order[]>((resolve, reject) => {
      const orders: Order[] = [];
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        worker.off('error', onError);
        worker.off('exit', onExit);
        port.close();
        outcome();
      };
      const onError = (error: Error) => settle(() => reject(new Error('the order list worker failed', { cause: error })));
      const onExit = (code: number) => settle(() => reject(new Error(`the order list worker stopped (exit code ${code})`)));
      worker.once('error', onError);
      worker.once('exit', onExit);
      port.on('messageerror', (error) => settle(() => reject(error)));
      port.on('message', (reply: ParseReply) => {
        switch (reply.type) {
          case 'orders':
            for (const order of reply.orders) orders.push(order);
            // Other requests get their turn before the next chunk is deserialised.
            setImmediate(() => settled || port.postMessage(MORE));
            return;
          case 'done':
            if (reply.count !== orders.length) return settle(() => reject(new Error(`the order list worker sent ${orders.length} of ${reply.count} orders`)));
            return settle(() => resolve(orders));
          case 'malformed':
            return settle(() => reject(malformedBody()));
          case 'refused':
            return settle(() => reject(new DomainError(reply.code, reply.message, reply.details)));
        }
      });
      const job: ParseJob = { body, tenantId, chunkSize: this.chunkSize, window: CHUNKS_IN_FLIGHT, port: workerPort };
      worker.postMessage(job, [body, workerPort]);
    });
  }

  private startedWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker();
    worker.unref();
    worker.on('error', (err) => this.options.log?.error({ err }, 'order list worker failed'));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    this.worker = worker;
    return worker;
  }
}

/**
 * The worker runs this module's sibling `order-list-parser.worker` with this module's extension:
 * `.js` next to a compiled module, `.mjs` next to an esbuild bundle of the service (which must
 * bundle the worker beside itself, as bench/run.sh does), `.ts` under tsx. Node 20 runs a worker's
 * entry without the loader hooks that `tsx` / `node --import tsx` installed in the main thread
 * (tsx#354), so a TypeScript worker is imported through tsx's API instead.
 */
function startWorker(): Worker {
  const extension = extname(fileURLToPath(import.meta.url));
  const entry = new URL(`./${WORKER_ENTRY}${extension}`, import.meta.url);
  if (extension !== '.ts') return new Worker(entry);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import { tsImport } from ${JSON.stringify(tsx)}; await tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(import.meta.url)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), { execArgv: [] });
}
