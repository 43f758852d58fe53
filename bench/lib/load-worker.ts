/**
 * The load generator, run as its own process and driven over IPC by lib/load.ts: autocannon
 * against one server, one scenario. It keeps its request counter and latency samples between
 * runs, so that a measurement can be made of several slices alternated with another server's
 * (the machine is shared: alternating short slices keeps background load from favouring a side).
 * Latencies are recorded per response with sub-millisecond precision (autocannon's own histogram
 * has 1 ms buckets).
 *
 * Messages in: { cmd: 'run', durationSec, record } (durationSec 0: until { cmd: 'stop' }),
 *              { cmd: 'report' } (the recorded runs' figures, then forgets them), { cmd: 'exit' }.
 */
import autocannon from 'autocannon';
import { scenario, type ScenarioSpec } from './scenarios.js';
import { Samples } from './stats.js';

export interface LoadSpec {
  url: string;
  connections: number;
  token?: string;
  /** Requests per second from all connections together (open loop); unset: as fast as answered. */
  rate?: number;
  scenario: ScenarioSpec;
}

export interface LoadResult {
  connections: number;
  /** Seconds of recorded runs. */
  durationSec: number;
  requests: number;
  rps: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Requests built since the worker started, warm-ups included. */
  sent: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; p999: number; max: number };
}

export type WorkerMessage = { cmd: 'run'; durationSec: number; record: boolean } | { cmd: 'stop' } | { cmd: 'report' } | { cmd: 'exit' };

const spec = JSON.parse(process.argv[2]!) as LoadSpec;
const next = scenario(spec.scenario);
let counter = 0;

const headers: Record<string, string> = { 'content-type': 'application/json' };
if (spec.token) headers.authorization = `Bearer ${spec.token}`;

let samples = new Samples();
let non2xx = 0;
let errors = 0;
let timeouts = 0;
let recordedSec = 0;
let current: autocannon.Instance | null = null;

function run(durationSec: number, record: boolean): Promise<void> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    current = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: durationSec > 0 ? durationSec : 3600,
        headers,
        ...(spec.rate ? { overallRate: spec.rate } : {}),
        requests: [
          {
            setupRequest: (req: Record<string, unknown>) => {
              const r = next(counter++);
              return { ...req, method: r.method, path: r.path, body: r.body ?? '' };
            },
          },
        ],
      },
      (err: Error | null, result: autocannon.Result) => {
        current = null;
        if (err) return reject(err);
        if (record) {
          recordedSec += (performance.now() - started) / 1000;
          errors += result.errors;
          timeouts += result.timeouts;
        }
        resolve();
      },
    );
    current.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (!record) return;
      samples.add(ms);
      if (status < 200 || status > 299) non2xx += 1;
    });
  });
}

function report(): LoadResult {
  const s = samples.summary();
  const result: LoadResult = {
    connections: spec.connections,
    durationSec: recordedSec,
    requests: s.count,
    rps: recordedSec > 0 ? (s.count - non2xx) / recordedSec : 0,
    non2xx,
    errors,
    timeouts,
    sent: counter,
    latencyMs: { mean: s.mean, p50: s.p50, p90: s.p90, p99: s.p99, p999: s.p999, max: s.max },
  };
  samples = new Samples();
  non2xx = errors = timeouts = recordedSec = 0;
  return result;
}

process.on('message', (message: WorkerMessage) => {
  switch (message.cmd) {
    case 'run':
      run(message.durationSec, message.record).then(
        () => process.send!({ done: true }),
        (err: Error) => process.send!({ error: err.message }),
      );
      break;
    case 'stop':
      current?.stop();
      break;
    case 'report':
      process.send!({ report: report() });
      break;
    case 'exit':
      process.exit(0);
  }
});
process.send!({ ready: true });
