import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Logger } from 'pino';
import { DomainError, type DomainErrorCode, MalformedBody } from '../domain/errors.js';
import type { Order } from '../domain/order.js';

/** What the parser asks of its worker: one body, sent and answered on the job's own port. */
export interface ParseJob {
  tenantId: number;
  chunkSize: number;
  /** Chunks the worker may post before the main thread asks for more. */
  window: number;
  port: MessagePort;
}

/** What the main thread sends on a job's port: the body's bytes as they arrive, then `end`; `more` for each chunk taken in. */
export type ParseRequest = { type: 'body'; bytes: Uint8Array } | { type: 'end' } | { type: 'more' };

/** What the worker answers on a job's port: chunks of orders, then `done`, or one refusal. */
export type ParseReply =
  | { type: 'orders'; orders: Order[] }
  | { type: 'done'; count: number }
  | { type: 'malformed' }
  | { type: 'refused'; code: DomainErrorCode; message: string; details?: unknown };

const WORKER_ENTRY = 'order-list-parser.worker';

/** Chunks the worker may have posted that the event loop has not taken in yet. */
const CHUNKS_IN_FLIGHT = 2;

/** The largest piece of a body copied to the worker at a time. */
const BODY_PIECE_BYTES = 256 * 1024;

export interface OrderListParserOptions {
  /**
   * Bodies of PUT /{tenantId}/orders over this size are parsed here; smaller ones by the route
   * (below about 1 MiB, a body is parsed faster on the event loop than handed to the worker and back).
   */
  thresholdBytes: number;
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
 * One worker, started at the first body and kept (unref'd: it never keeps the process alive).
 * A body goes to it piece by piece as it arrives; bodies are received side by side and parsed one
 * at a time. Orders come back in chunks, the next one only once the event loop has had a turn, so
 * deserialising them is spread between other requests. A worker that dies fails its bodies with a
 * plain error (a 500) and is replaced at the next body.
 */
export class OrderListParser {
  private worker?: Worker;
  private readonly chunkSize: number;
  readonly thresholdBytes: number;

  constructor(private readonly options: OrderListParserOptions) {
    this.chunkSize = options.chunkSize ?? 1000;
    this.thresholdBytes = options.thresholdBytes;
  }

  /**
   * The orders of a body, normalised; rejects with MalformedBody for JSON that does not parse (or
   * a body that cannot be read), a DomainError for a refused element. `body` is read as it
   * arrives, and its bytes are copied to the worker piece by piece: the event loop never holds
   * the whole body.
   */
  parse(body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, tenantId: number): Promise<Order[]> {
    const worker = this.startedWorker();
    const { port1: port, port2: workerPort } = new MessageChannel();
    const send = (request: ParseRequest, transfer: ArrayBuffer[] = []) => port.postMessage(request, transfer);
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
            setImmediate(() => settled || send({ type: 'more' }));
            return;
          case 'done':
            if (reply.count !== orders.length)
              return settle(() => reject(new Error(`the order list worker sent ${orders.length} of ${reply.count} orders`)));
            return settle(() => resolve(orders));
          case 'malformed':
            return settle(() => reject(new MalformedBody()));
          case 'refused':
            return settle(() => reject(new DomainError(reply.code, reply.message, reply.details)));
        }
      });
      const job: ParseJob = { tenantId, chunkSize: this.chunkSize, window: CHUNKS_IN_FLIGHT, port: workerPort };
      worker.postMessage(job, [workerPort]);

      const sendBody = async () => {
        for await (const bytes of body) {
          for (let at = 0; at < bytes.byteLength && !settled; at += BODY_PIECE_BYTES) {
            // A copy of its own (a chunk may share its memory with other buffers, which a transfer
            // would detach; Buffer#slice would not copy).
            const piece = new Uint8Array(bytes.subarray(at, at + BODY_PIECE_BYTES));
            send({ type: 'body', bytes: piece }, [piece.buffer]);
            if (bytes.byteLength > BODY_PIECE_BYTES) await new Promise(setImmediate);
          }
          if (settled) return;
        }
        if (!settled) send({ type: 'end' });
      };
      sendBody().catch(() => settle(() => reject(new MalformedBody())));
    });
  }

  /** Stops the worker; the bodies it was given fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
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
  const bootstrap =
    `import { tsImport } from ${JSON.stringify(tsx)}; await ` +
    `tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(import.meta.url)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), { execArgv: [] });
}
