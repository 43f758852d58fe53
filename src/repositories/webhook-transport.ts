import { lookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { WebhookTransport } from '../domain/webhook-ports.js';
import { refusedAddress, urlHost, type AttemptResult } from '../domain/webhooks.js';

/** How much of a receiver's answer is kept in the delivery log, and read at most (to reuse the connection). */
const RESPONSE_KEPT = 512;
const RESPONSE_READ = 64 * 1024;

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The webhook HTTP client: one POST per attempt, no redirect followed (a 3xx is a failed
 * attempt), over keep-alive connections. Unless private networks are allowed, every address a
 * host resolves to is checked when the connection is made (not only when the endpoint was
 * created: a name that later resolves to 127.0.0.1 or 10.x is refused then too).
 */
/**
 * DNS lookups of webhook hosts at once: dns.lookup runs on libuv's thread pool (4 threads), which
 * file reads, zlib and crypto share. Receivers whose names resolve slowly would otherwise take it
 * all; the lookups beyond this wait their turn (inside the attempt's timeout).
 */
const MAX_LOOKUPS_AT_ONCE = 2;
let lookupsRunning = 0;
const lookupsWaiting: (() => void)[] = [];

function limitedLookup(
  hostname: string,
  options: LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) {
  const run = () => {
    lookupsRunning += 1;
    lookup(hostname, options, (err, addresses) => {
      lookupsRunning -= 1;
      lookupsWaiting.shift()?.();
      callback(err, addresses);
    });
  };
  if (lookupsRunning < MAX_LOOKUPS_AT_ONCE) run();
  else lookupsWaiting.push(run);
}

export class HttpWebhookTransport implements WebhookTransport {
  private readonly agents: { http: http.Agent; https: https.Agent };
  private readonly guardedLookup;

  constructor(private readonly settings: { allowPrivateNetworks: boolean; maxSockets: number }) {
    const agentOptions = { keepAlive: true, maxSockets: settings.maxSockets, maxFreeSockets: Math.min(settings.maxSockets, 256) };
    this.agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
    this.guardedLookup = (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback) => {
      limitedLookup(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) return callback(err, '');
        for (const { address } of addresses) {
          const why = this.settings.allowPrivateNetworks ? null : refusedAddress(address);
          if (why)
            return callback(
              // Which address is not said: a tenant would learn the private network's layout from it.
              Object.assign(new Error(`${hostname} resolves to a refused address (loopback, private or link-local)`), {
                code: 'EREFUSED_ADDRESS',
              }),
              '',
            );
        }
        if ((options as LookupAllOptions).all) return callback(null, addresses);
        return callback(null, addresses[0]!.address, addresses[0]!.family);
      });
    };
  }

  async checkUrl(url: URL): Promise<string | null> {
    if (this.settings.allowPrivateNetworks) return null;
    const host = urlHost(url);
    if (isIP(host)) {
      const why = refusedAddress(host);
      return why ? `${host} is ${why}: webhooks are not sent to loopback, private or link-local addresses` : null;
    }
    const addresses = await new Promise<LookupAddress[] | null>((resolve) =>
      limitedLookup(host, { all: true }, (err, found) => resolve(err ? null : found)),
    );
    if (!addresses || addresses.length === 0) return `${host} does not resolve to an address`;
    for (const { address } of addresses) {
      const why = refusedAddress(address);
      // Which address is not said: a tenant would learn the private network's layout from it.
      if (why) return `${host} resolves to a refused address: webhooks are not sent to loopback, private or link-local addresses`;
    }
    return null;
  }

  send(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<AttemptResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    return new Promise<AttemptResult>((resolve) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return resolve({ statusCode: null, error: 'the endpoint URL is not valid', durationMs: 0, response: null });
      }
      const host = urlHost(target);
      if (!this.settings.allowPrivateNetworks && isIP(host)) {
        const why = refusedAddress(host);
        if (why) return resolve({ statusCode: null, error: `${host} is ${why}: refused`, durationMs: 0, response: null });
      }
      let settled = false;
      const finish = (result: Omit<AttemptResult, 'durationMs'>, durationMs = elapsed()) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...result, durationMs });
      };
      const secure = target.protocol === 'https:';
      const payload = Buffer.from(body);
      const request = (secure ? https : http).request(target, {
        method: 'POST',
        agent: secure ? this.agents.https : this.agents.http,
        headers: { ...headers, 'content-length': String(payload.length), 'user-agent': 'Reservoir-Webhooks/1' },
        lookup: this.guardedLookup as never,
      });
      // The status counts once it came within the timeout, whatever the body does after.
      let answered: (() => void) | null = null;
      const timer = setTimeout(() => {
        request.destroy();
        if (answered) answered();
        else finish({ statusCode: null, error: `no answer within ${timeoutMs} ms (timed out)`, response: null });
      }, timeoutMs);
      request.on('error', (err: NodeJS.ErrnoException) => finish({ statusCode: null, error: describe(err), response: null }));
      request.on('response', (response) => {
        const statusCode = response.statusCode ?? 0;
        const durationMs = elapsed();
        const chunks: Buffer[] = [];
        let read = 0;
        const done = () => {
          const text = Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_KEPT);
          finish({ statusCode, error: null, response: text || null }, durationMs);
        };
        answered = done;
        response.on('data', (chunk: Buffer) => {
          if (read < RESPONSE_KEPT) chunks.push(chunk);
          read += chunk.length;
          // A receiver that answers with a large body: the status is what counts.
          if (read > RESPONSE_READ) {
            response.destroy();
            done();
          }
        });
        response.on('end', done);
        response.on('error', done);
        response.on('aborted', done);
      });
      request.end(payload);
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}

function describe(err: NodeJS.ErrnoException): string {
  if (err.code === 'EREFUSED_ADDRESS') return err.message;
  if (err.code === 'ECONNREFUSED') return 'connection refused';
  if (err.code === 'ECONNRESET') return 'connection reset by the receiver';
  if (err.code === 'ENOTFOUND') return 'the host does not resolve';
  if (err.code && err.message) return `${err.code}: ${err.message}`;
  return err.message || 'the request failed';
}
