/**
 * A real webhook receiver for tests: a node:http server on a free loopback port that records
 * every request and answers as the test says, and the Standard Webhooks check a receiver does,
 * written here from the specification (not taken from the service's code).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  /** 1-based, in arrival order. */
  n: number;
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  receivedAt: number;
  /** Whether the client closed the connection before the answer (a timeout on its side). */
  abortedByClient: boolean;
}

/** How to answer one request: a status after a delay (never answering when `hang`). */
export interface Answer {
  status?: number;
  delayMs?: number;
  hang?: boolean;
  headers?: Record<string, string>;
  body?: string;
}

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** Decides each answer (default: 200 at once). */
  answer: (request: ReceivedRequest) => Answer;
  /** The most requests for one webhook-id in progress at once, per id. */
  maxConcurrent: Map<string, number>;
  close(): Promise<void>;
}

export async function startReceiver(answer: (request: ReceivedRequest) => Answer = () => ({ status: 200 })): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const inProgress = new Map<string, number>();
  const maxConcurrent = new Map<string, number>();
  const sockets = new Set<import('node:net').Socket>();
  const receiver: Receiver = {
    url: '',
    requests,
    answer,
    maxConcurrent,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: ReceivedRequest = {
        n: requests.length + 1,
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
        abortedByClient: false,
      };
      requests.push(request);
      const id = String(req.headers['webhook-id'] ?? '');
      inProgress.set(id, (inProgress.get(id) ?? 0) + 1);
      maxConcurrent.set(id, Math.max(maxConcurrent.get(id) ?? 0, inProgress.get(id)!));
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        inProgress.set(id, inProgress.get(id)! - 1);
      };
      res.on('close', () => {
        if (!res.writableFinished) request.abortedByClient = true;
        finish();
      });
      const a = receiver.answer(request);
      if (a.hang) return;
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(a.status ?? 200, { 'content-type': 'text/plain', ...a.headers });
        res.end(a.body ?? 'ok');
        finish();
      }, a.delayMs ?? 0);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}

/**
 * What a receiver must do with a delivery (Standard Webhooks): recompute the HMAC-SHA256, keyed
 * by the base64-decoded secret after `whsec_`, of `<webhook-id>.<webhook-timestamp>.<raw body>`,
 * compare it in constant time with each `v1,<base64>` of webhook-signature, and refuse a
 * timestamp too far from now (replays).
 */
export function verifyWebhook(secret: string, headers: http.IncomingHttpHeaders, body: string, toleranceSeconds = 300): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    if (version !== 'v1' || !signature) return false;
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
