/**
 * Real service replicas for tests: each is `node --import tsx src/server.ts` in a process of its
 * own (or, with `built`, `node dist/server.js` of a build: what `npm start` runs), configured
 * through its environment as in production, reached over HTTP on loopback.
 * One process per replica (no tsx CLI wrapper), so SIGKILL kills the server itself: a crash.
 *
 *   const replicas = await startReplicas(3, { redis: { redisUrl }, mongoUrl, env: { SYNC_LOCK_TTL_MS: '1500' } });
 *   await replicas[0].call('POST', `/${t}/order`, order);
 *   await replicas[1].kill();
 *
 * Every process started here is SIGKILLed when the test process exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertConforms } from './conformance.js';
import { ADMIN_KEY, toTestResponse, type TestResponse } from './harness.js';
import { getFreePort } from './servers.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** A TypeScript start-up (tsx) and the restore on start can take long on a loaded two-core machine. */
const START_TIMEOUT_MS = 120_000;

export interface ReplicaOptions {
  /** The Redis every replica shares: one Redis or a Redis Cluster. */
  redis: { redisUrl?: string; redisClusterNodes?: string };
  /** The MongoDB every replica shares (with its database). */
  mongoUrl: string;
  /** More environment (SYNC_LOCK_TTL_MS, EXPIRY_SWEEP_INTERVAL_MS, ...). */
  env?: Record<string, string>;
  /**
   * A folder made by `npm run build` (scripts/build.mjs, see buildService in ./build.ts): the
   * replicas then run its server.js with plain Node, no TypeScript loader. Default: the sources.
   */
  built?: string;
}

export interface Replica {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly running: boolean;
  /** Calls the replica over HTTP with the admin key, JSON in and out. */
  call<T = any>(method: string, path: string, body?: unknown): Promise<TestResponse<T>>;
  /** The value of a Prometheus counter or gauge (summed over its label sets), from GET /metrics. */
  metric(name: string): Promise<number>;
  /** SIGKILL: the replica dies where it stands, its locks left to expire. */
  kill(): Promise<void>;
  /** SIGSTOP: the replica stops where it stands (then kill() it), so what it did can be counted. */
  freeze(): void;
  /** SIGTERM: the replica's graceful shutdown. */
  stop(): Promise<void>;
  /** Its log (pino JSON lines), for diagnosis. */
  log(): string;
}

const live = new Set<ChildProcess>();
let exitHooked = false;

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function waitExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (exited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function startReplica(name: string, dir: string, options: ReplicaOptions): Promise<Replica> {
  hookExit();
  const port = await getFreePort();
  const logFile = path.join(dir, `${name}.log`);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.homedir(),
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    MONGO_URL: options.mongoUrl,
    ADMIN_API_KEY: ADMIN_KEY,
    LOG_LEVEL: 'info',
    // Only the test starts syncs and reconciliations; jobs on a clock stay out of its way.
    SYNC_CRON: '0 0 1 1 *',
    RECONCILE_CRON: '0 0 1 1 *',
    RATE_LIMIT_PER_SECOND: '0',
    // A loaded two-core machine can keep Redis busy for longer than the production default (1 s).
    REDIS_COMMAND_TIMEOUT_MS: '10000',
    SHUTDOWN_TIMEOUT_MS: '5000',
    ...(options.redis.redisClusterNodes
      ? { REDIS_CLUSTER_NODES: options.redis.redisClusterNodes }
      : { REDIS_URL: options.redis.redisUrl ?? '' }),
    ...options.env,
  };
  const fd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    const args = options.built ? ['--enable-source-maps', path.join(options.built, 'server.js')] : ['--import', 'tsx', 'src/server.ts'];
    child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  live.add(child);
  child.once('exit', () => live.delete(child));
  const url = `http://127.0.0.1:${port}`;
  const log = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited(child)) throw new Error(`replica ${name} exited during start-up (code ${child.exitCode}):\n${log().slice(-3000)}`);
    const up = await fetch(`${url}/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`replica ${name} not answering on ${url} within ${START_TIMEOUT_MS} ms:\n${log().slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const call = async <T = any>(method: string, urlPath: string, body?: unknown): Promise<TestResponse<T>> => {
    const headers: Record<string, string> = { Authorization: `Bearer ${ADMIN_KEY}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${url}${urlPath}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    // Held against openapi/openapi.json like every in-process answer (support/conformance.ts).
    await assertConforms(method, urlPath, res);
    return toTestResponse<T>(res);
  };

  return {
    name,
    port,
    url,
    get running() {
      return !exited(child);
    },
    call,
    async metric(metricName) {
      const res = await call<string>('GET', '/metrics');
      if (res.status !== 200) throw new Error(`GET /metrics on ${name}: ${res.status}`);
      let sum = 0;
      for (const line of res.body.split('\n')) {
        const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
        if (m && m[1] === metricName) sum += Number(m[3]);
      }
      return sum;
    },
    async kill() {
      child.kill('SIGKILL');
      await waitExit(child, 5_000);
    },
    freeze() {
      child.kill('SIGSTOP');
    },
    async stop() {
      child.kill('SIGTERM');
      await waitExit(child, 10_000);
    },
    log,
  };
}

export interface ReplicaSet {
  /** The replicas started first. */
  replicas: Replica[];
  /** Starts one more replica with the same configuration and `env` on top (close() stops it too). */
  add(env?: Record<string, string>): Promise<Replica>;
  /** Stops every replica still running and removes the logs. */
  close(): Promise<void>;
}

export async function startReplicas(count: number, options: ReplicaOptions): Promise<ReplicaSet> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reservoir-replicas-'));
  const all: Replica[] = [];
  const add = async (env: Record<string, string> = {}) => {
    const replica = await startReplica(`replica-${all.length}`, dir, { ...options, env: { ...options.env, ...env } });
    all.push(replica);
    return replica;
  };
  try {
    // One at a time: on two cores, parallel TypeScript start-ups only slow each other down.
    for (let i = 0; i < count; i++) await add();
  } catch (e) {
    await Promise.all(all.map((r) => r.kill()));
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    replicas: [...all],
    add,
    async close() {
      await Promise.all(all.filter((r) => r.running).map((r) => r.stop()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
