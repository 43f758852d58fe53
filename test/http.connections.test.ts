import { type AddressInfo, connect } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, makeOrder, newTenantId, sleep, startTestService, type TestService } from './support/harness.js';

/**
 * The real HTTP server (@hono/node-server on a socket), spoken to with raw sockets: what a client
 * that keeps its connections open (a pool) sees when a request is refused before its body is read.
 */
const MiB = 1024 * 1024;
let svc: TestService;
let server: ServerType;
let port: number;

beforeAll(async () => {
  svc = await startTestService({ settings: { orderBodyLimitBytes: MiB, replaceBodyLimitBytes: 3 * MiB } });
  server = serve({ fetch: svc.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  if ('closeAllConnections' in server) server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await svc.close();
});

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The complete responses at the start of `data`, in order; an incomplete last one is left out. */
function parseResponses(data: Buffer): { responses: RawResponse[]; rest: number } {
  const responses: RawResponse[] = [];
  let at = 0;
  for (;;) {
    const headEnd = data.indexOf('\r\n\r\n', at);
    if (headEnd < 0) break;
    const [statusLine, ...lines] = data.subarray(at, headEnd).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine!)?.[1]);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    let bodyStart = headEnd + 4;
    let body = '';
    if (headers['transfer-encoding'] === 'chunked') {
      let complete = false;
      for (;;) {
        const sizeEnd = data.indexOf('\r\n', bodyStart);
        if (sizeEnd < 0) break;
        const size = parseInt(data.subarray(bodyStart, sizeEnd).toString('latin1'), 16);
        if (data.length < sizeEnd + 2 + size + 2) break;
        body += data.subarray(sizeEnd + 2, sizeEnd + 2 + size).toString();
        bodyStart = sizeEnd + 2 + size + 2;
        if (size === 0) {
          complete = true;
          break;
        }
      }
      if (!complete) break;
      at = bodyStart;
    } else {
      const length = Number(headers['content-length'] ?? 0);
      if (data.length < bodyStart + length) break;
      body = data.subarray(bodyStart, bodyStart + length).toString();
      at = bodyStart + length;
    }
    responses.push({ status, headers, body });
  }
  return { responses, rest: data.length - at };
}

interface Exchange {
  responses: RawResponse[];
  /** Bytes received after the last complete response: a response cut off by the close. */
  unparsedBytes: number;
  /** 'closed' if the server closed the connection within the wait, 'open' if it was still open. */
  connection: 'closed' | 'open';
}

interface Line {
  /** Writes on the connection; resolves once written (or at once if the server closed it). */
  write(data: string | Buffer): Promise<void>;
  /** Resolves once `count` complete responses arrived, or the connection closed. */
  responses(count: number): Promise<void>;
}

/**
 * Opens one connection, lets `send` write on it, and collects what the server answers until it
 * closes the connection, `expected` responses arrived and the line stayed quiet for `quietMs`, or
 * `timeoutMs` passed. Errors of the client's writes after the server closed are expected.
 */
function exchange(send: (line: Line) => Promise<void>, expected: number, timeoutMs = 5000, quietMs = 700) {
  return new Promise<Exchange>((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const received: Buffer[] = [];
    const waiting: { count: number; wake: () => void }[] = [];
    let done = false;
    let quiet: NodeJS.Timeout | undefined;
    const finish = (connection: Exchange['connection']) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      clearTimeout(quiet);
      const { responses, rest } = parseResponses(Buffer.concat(received));
      socket.destroy();
      for (const waiter of waiting) waiter.wake();
      resolve({ responses, unparsedBytes: rest, connection });
    };
    const deadline = setTimeout(() => finish('open'), timeoutMs);
    socket.on('data', (chunk) => {
      received.push(chunk);
      clearTimeout(quiet);
      const count = parseResponses(Buffer.concat(received)).responses.length;
      for (const waiter of waiting) if (count >= waiter.count) waiter.wake();
      if (count >= expected) quiet = setTimeout(() => finish('open'), quietMs);
    });
    socket.on('end', () => finish('closed'));
    socket.on('close', () => finish('closed'));
    // EPIPE / ECONNRESET while the client still writes a body the server stopped reading.
    socket.on('error', () => finish('closed'));
    const line: Line = {
      write: (data) =>
        new Promise<void>((resolveWrite) => {
          if (done || socket.destroyed) return resolveWrite();
          if (socket.write(data)) return resolveWrite();
          const go = () => {
            socket.off('close', go);
            socket.off('drain', go);
            resolveWrite();
          };
          socket.once('drain', go);
          socket.once('close', go);
        }),
      responses: (count) =>
        new Promise<void>((wake) => {
          if (done || parseResponses(Buffer.concat(received)).responses.length >= count) return wake();
          waiting.push({ count, wake });
        }),
    };
    socket.once('connect', () => {
      send(line).catch(reject);
    });
  });
}

const auth = `Authorization: Bearer ${ADMIN_KEY}\r\n`;
const host = () => `Host: 127.0.0.1:${port}\r\n`;
const getHealth = () => `GET /health HTTP/1.1\r\n${host()}\r\n`;

/** A chunked POST of `size` bytes of one JSON order, written in 64 KiB chunks, then `after` on the same connection. */
async function chunkedPost(
  { write }: Line,
  path: string,
  size: number,
  after: string,
  headers = `${auth}Content-Type: application/json\r\n`,
) {
  const t = Number(path.split('/')[1]);
  const json = Buffer.from(JSON.stringify({ ...makeOrder(t), padding: 'x'.repeat(size) }));
  await write(`POST ${path} HTTP/1.1\r\n${host()}${headers}Transfer-Encoding: chunked\r\n\r\n`);
  for (let i = 0; i < json.length; i += 64 * 1024) {
    const piece = json.subarray(i, i + 64 * 1024);
    await write(Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]));
  }
  await write(`0\r\n\r\n${after}`);
}

describe('connections a client keeps open', () => {
  it('answers two small requests sent on one connection, and keeps it open', async () => {
    const t = newTenantId();
    const order = JSON.stringify(makeOrder(t));
    const result = await exchange(async ({ write }) => {
      await write(
        `POST /${t}/order HTTP/1.1\r\n${host()}${auth}Content-Type: ` +
          `application/json\r\nContent-Length: ${Buffer.byteLength(order)}\r\n\r\n${order}` +
          getHealth(),
      );
    }, 2);
    expect(result.responses.map((r) => [r.status, r.body])).toEqual([
      [200, 'true'],
      [200, '{"status":"ok"}'],
    ]);
    expect(result.responses.map((r) => r.headers.connection)).toEqual(['keep-alive', 'keep-alive']);
    expect(result.connection).toBe('open');
  });

  it('keeps it open after a refusal given once the whole body was read', async () => {
    const t = newTenantId();
    const bad = '{"orderId": ';
    const result = await exchange(async ({ write }) => {
      await write(
        `POST /${t}/order HTTP/1.1\r\n${host()}${auth}Content-Type: ` +
          `application/json\r\nContent-Length: ${bad.length}\r\n\r\n${bad}${getHealth()}`,
      );
    }, 2);
    expect(result.responses.map((r) => [r.status, r.headers.connection])).toEqual([
      [400, 'keep-alive'],
      [200, 'keep-alive'],
    ]);
    expect(result.connection).toBe('open');
  });

  /**
   * The first request is refused before its body is read; `GET /health` follows on the same
   * connection. The client must get the refusal and then either the connection closed, as the
   * refusal announced, with nothing after it, or an answer to `GET /health`: never a refusal that
   * says `keep-alive` followed by a close that leaves the next request unanswered.
   */
  const expectRefusedThenClosedOrAnswered = (result: Exchange, status: number, code: string) => {
    const [refusal, next] = result.responses;
    expect(refusal?.status).toBe(status);
    expect(JSON.parse(refusal!.body).error.code).toBe(code);
    if (next === undefined) {
      expect(refusal!.headers.connection).toBe('close');
      expect(result.connection).toBe('closed');
      expect(result.unparsedBytes).toBe(0);
    } else {
      expect(next.status).toBe(200);
      expect(next.body).toBe('{"status":"ok"}');
    }
  };

  it('refusing an oversized chunked body: says Connection: close and closes', async () => {
    const t = newTenantId();
    const result = await exchange((line) => chunkedPost(line, `/${t}/order`, 2 * MiB, getHealth()), 2);
    expectRefusedThenClosedOrAnswered(result, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('refusing a chunked body that is not JSON, before reading it: the same', async () => {
    const t = newTenantId();
    const result = await exchange(
      (line) => chunkedPost(line, `/${t}/order`, 2 * MiB, getHealth(), `${auth}Content-Type: text/plain\r\n`),
      2,
    );
    expectRefusedThenClosedOrAnswered(result, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  /**
   * Sends a POST of `size` bytes with its Content-Length and the first 64 KiB of it, waits for the
   * answer, then, as a client that keeps sending at its own pace, the rest and `GET /health`.
   */
  const announcedPost = (path: string, size: number, headers: string) => async (line: Line) => {
    const t = Number(path.split('/')[1]);
    const json = Buffer.from(JSON.stringify({ ...makeOrder(t), padding: 'x'.repeat(size) }));
    await line.write(`POST ${path} HTTP/1.1\r\n${host()}${headers}Content-Length: ${json.length}\r\n\r\n`);
    await line.write(json.subarray(0, 64 * 1024));
    await line.responses(1);
    await sleep(700);
    await line.write(Buffer.concat([json.subarray(64 * 1024), Buffer.from(getHealth())]));
  };

  it('refusing a body by its headers before it arrived (413, 401, 415): the same, however slowly the rest follows', async () => {
    const t = newTenantId();
    const json = 'Content-Type: application/json\r\n';
    const tooLarge = await exchange(announcedPost(`/${t}/order`, 2 * MiB, `${auth}${json}`), 2);
    expectRefusedThenClosedOrAnswered(tooLarge, 413, 'PAYLOAD_TOO_LARGE');
    const unauthorised = await exchange(announcedPost(`/${t}/order`, MiB / 2, json), 2);
    expectRefusedThenClosedOrAnswered(unauthorised, 401, 'UNAUTHORIZED');
    const notJson = await exchange(announcedPost(`/${t}/order`, MiB / 2, `${auth}Content-Type: text/plain\r\n`), 2);
    expectRefusedThenClosedOrAnswered(notJson, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});
