/**
 * Throwaway Redis / MongoDB-wire servers owned by a test (or by the vitest
 * global setup). Each server runs on a free loopback port with its data in a
 * fresh temp dir, and can be stopped and started again on the same port and
 * dir, e.g. for outage tests:
 *
 *   const redis = await startRedisServer({ appendonly: true });
 *   await redis.stop();   // graceful (AOF is fsynced)
 *   await redis.start();  // same port, same data
 *   await redis.kill();   // SIGKILL: a crash
 *
 * MongoDB: `mongod` when on PATH, else FerretDB found via $FERRETDB_BIN,
 * $HOME/.cache/reservoir/ferretdb-v1.24.2, `ferretdb` on PATH, or built by
 * scripts/install-ferretdb.sh (takes minutes the first time). FerretDB stores its data in SQLite
 * files, or with RESERVOIR_FERRETDB_BACKEND=postgresql in PostgreSQL (a database of its own per
 * server, created here and dropped by destroy(); RESERVOIR_POSTGRES_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres). On both every update or delete by `_id` scans the
 * collection, PostgreSQL 5-10x faster (bench/ferretdb-backends.ts). FerretDB v1 limits: no
 * transactions, TTL/partial indexes, arrayFilters, positional `$`, pipeline updates,
 * $lookup/$facet, change streams.
 *
 * Every process started here is SIGKILLed when the Node process exits.
 */
import { spawn, execFile, execFileSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants, existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';

/** A server process a test owns: it may stop, crash and restart it. */
interface ServerHandle {
  readonly port: number;
  /** data + log directory */
  readonly dir: string;
  /** true while the process runs */
  readonly running: boolean;
  /** Graceful stop (SIGTERM; SIGKILL after 10 s). No-op when not running. */
  stop(): Promise<void>;
  /** (Re)start on the same port and dir; resolves when it answers. No-op when running. */
  start(): Promise<void>;
  /** SIGKILL, i.e. a crash; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: the server hangs (its sockets stay open, nothing answers), then goes on. */
  pause(): void;
  resume(): void;
  /** Stop and delete the data dir. */
  destroy(): Promise<void>;
}

export interface RedisServerHandle extends ServerHandle {
  /** redis://127.0.0.1:PORT */
  readonly url: string;
}

export interface MongoServerHandle extends ServerHandle {
  /** mongodb://127.0.0.1:PORT/DBNAME */
  readonly url: string;
  readonly dbName: string;
  readonly kind: 'mongod' | 'ferretdb';
  /** FerretDB's storage (undefined for mongod). */
  readonly backend?: FerretBackend;
  /** The PostgreSQL database FerretDB stores into (backend 'postgresql'). */
  readonly postgresUrl?: string;
}

export type FerretBackend = 'postgresql' | 'sqlite';

export interface RedisServerOptions {
  /** AOF persistence (appendfsync everysec). Default true. */
  appendonly?: boolean;
  /** Readiness timeout in ms. Default 20000. */
  startTimeoutMs?: number;
}

export interface MongoServerOptions {
  /** Database name put in `url`. Default 'reservoir_test'. */
  dbName?: string;
  /** FerretDB's backend; default: RESERVOIR_FERRETDB_BACKEND, else PostgreSQL when one answers, else SQLite. */
  ferretdbBackend?: FerretBackend;
  /** Readiness timeout in ms. Default 60000. */
  startTimeoutMs?: number;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FERRETDB_VERSION = 'v1.24.2';
const STOP_GRACE_MS = 10_000;

// ---------------------------------------------------------------- process bookkeeping

const live = new Set<ChildProcess>();
let exitHooked = false;

function killAllNow(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
  live.clear();
}

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    killAllNow();
    dropOwnPgDatabasesNow();
  });
  // 'exit' does not fire when the process dies of a signal: clean up, then let the
  // signal do its default thing unless somebody else (e.g. vitest) handles it.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      killAllNow();
      dropOwnPgDatabasesNow();
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    });
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, timeoutMs);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

async function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || exited(child)) return;
  child.kill(signal);
  if (!(await waitExit(child, signal === 'SIGKILL' ? 5_000 : STOP_GRACE_MS))) {
    child.kill('SIGKILL');
    await waitExit(child, 5_000);
  }
  live.delete(child);
}

function spawnLogged(cmd: string, args: string[], logFile: string): ChildProcess {
  hookExit();
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(cmd, args, { stdio: ['ignore', fd, fd] });
    live.add(child);
    child.once('exit', () => live.delete(child));
    child.once('error', () => live.delete(child));
    return child;
  } finally {
    closeSync(fd);
  }
}

function logTail(file: string, lines = 25): string {
  try {
    const text = readFileSync(file, 'utf8').trimEnd().split('\n');
    return `\n---- last lines of ${file} ----\n${text.slice(-lines).join('\n')}\n----`;
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------- ports & readiness

/** A port that was free a moment ago (bind 127.0.0.1:0, read it, close). */
/** Ports this process was handed, never handed again: two servers started side by side (a node and its cluster bus) cannot be given the same one. */
const handedOut = new Set<number>();

/** A loopback port free now, and not handed out before in this process. */
export async function getFreePort(): Promise<number> {
  for (;;) {
    const port = await anyFreePort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    sock.setTimeout(500);
    const done = (v: boolean) => {
      sock.destroy();
      resolve(v);
    };
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
    sock.once('timeout', () => done(false));
  });
}

/** Raw RESP `PING` → `+PONG`. */
export function redisPing(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    let buf = '';
    const done = (v: boolean) => {
      sock.destroy();
      resolve(v);
    };
    sock.setTimeout(timeoutMs);
    sock.once('connect', () => sock.write('PING\r\n'));
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      if (buf.includes('\r\n')) done(buf.startsWith('+PONG'));
    });
    sock.once('error', () => done(false));
    sock.once('timeout', () => done(false));
    sock.once('close', () => done(false));
  });
}

/** MongoDB `ping` through the driver. */
export async function mongoPing(port: number, timeoutMs = 500): Promise<boolean> {
  const client = new MongoClient(`mongodb://127.0.0.1:${port}/?directConnection=true`, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs * 4,
  });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => {});
  }
}

async function waitReady(
  what: string,
  child: ChildProcess,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  logFile: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let spawnError: Error | undefined;
  child.once('error', (e) => (spawnError = e));
  for (;;) {
    if (spawnError) throw new Error(`${what}: could not spawn: ${spawnError.message}`);
    if (exited(child)) {
      throw new Error(`${what} exited during start-up (code ${child.exitCode}, signal ${child.signalCode})${logTail(logFile)}`);
    }
    if (await probe()) {
      // the port may have answered for someone else: make sure our process is the one alive
      if (exited(child)) continue;
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} did not become ready within ${timeoutMs} ms${logTail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function isAddrInUse(err: unknown, logFile: string): boolean {
  const msg = `${err instanceof Error ? err.message : String(err)}\n${logTail(logFile, 50)}`;
  return /address already in use|EADDRINUSE|Address in use/i.test(msg);
}

// ---------------------------------------------------------------- binaries

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      accessSync(p, fsConstants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** `bin --version` output, or undefined when it does not run. */
function versionOf(bin: string): string | undefined {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 });
  } catch {
    return undefined;
  }
}

let ferretBinPromise: Promise<string> | undefined;

/** Path of a working FerretDB binary; builds one via scripts/install-ferretdb.sh if needed. */
export function findFerretDB(): Promise<string> {
  ferretBinPromise ??= (async () => {
    // An explicit FERRETDB_BIN or a `ferretdb` on PATH is taken as is; the cache path
    // only when it runs and is this version (see scripts/install-ferretdb.sh), else it
    // is rebuilt.
    const explicit = process.env.FERRETDB_BIN;
    if (explicit && existsSync(explicit) && versionOf(explicit) !== undefined) return explicit;
    if (!explicit) {
      const cached = path.join(os.homedir(), '.cache', 'reservoir', `ferretdb-${FERRETDB_VERSION}`);
      if (existsSync(cached) && versionOf(cached)?.includes(`version: ${FERRETDB_VERSION}`)) return cached;
      const fromPath = onPath('ferretdb');
      if (fromPath && versionOf(fromPath) !== undefined) return fromPath;
    }
    const script = path.join(REPO_ROOT, 'scripts', 'install-ferretdb.sh');
    const out = await new Promise<string>((resolve, reject) => {
      execFile('bash', [script], { maxBuffer: 1 << 20 }, (err, stdout, stderr) =>
        err ? reject(new Error(`scripts/install-ferretdb.sh failed: ${stderr || err.message}`)) : resolve(stdout),
      );
    });
    const bin = out.trim().split('\n').pop() ?? '';
    if (!bin || !existsSync(bin)) throw new Error(`scripts/install-ferretdb.sh printed no usable path: ${out}`);
    return bin;
  })();
  ferretBinPromise.catch(() => (ferretBinPromise = undefined));
  return ferretBinPromise;
}

// ---------------------------------------------------------------- generic managed server

interface Spec {
  what: string;
  cmd: string;
  args: (port: number) => string[];
  logFile: string;
  probe: (port: number) => Promise<boolean>;
  startTimeoutMs: number;
  /** Before a first start is retried on a new port (the last one was taken meanwhile): new ports for what `args` names besides it. */
  freshPorts?: () => Promise<void>;
}

class Managed {
  child?: ChildProcess;
  constructor(
    private readonly spec: Spec,
    public port: number,
  ) {}

  get running(): boolean {
    return !!this.child && !exited(this.child);
  }

  async start(): Promise<void> {
    if (this.running) return;
    const { spec, port } = this;
    if (await portInUse(port)) {
      throw new Error(`${spec.what}: 127.0.0.1:${port} is already in use by another process`);
    }
    this.child = spawnLogged(spec.cmd, spec.args(port), spec.logFile);
    try {
      await waitReady(`${spec.what} on 127.0.0.1:${port}`, this.child, () => spec.probe(port), spec.startTimeoutMs, spec.logFile);
    } catch (e) {
      await stopChild(this.child, 'SIGKILL');
      throw e;
    }
  }

  stop(): Promise<void> {
    return stopChild(this.child, 'SIGTERM');
  }

  kill(): Promise<void> {
    return stopChild(this.child, 'SIGKILL');
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child!.kill(signal);
  }

  /** First start: on a fresh free port, retrying if someone grabs it in between. */
  async startFresh(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.start();
        return;
      } catch (e) {
        const addrInUse = isAddrInUse(e, this.spec.logFile) || /already in use/.test(String(e));
        if (attempt >= 4 || !addrInUse) throw e;
        this.port = await getFreePort();
        await this.spec.freshPorts?.();
      }
    }
  }
}

/**
 * A handle on the process `m`, its data in `dir` (deleted by destroy), its URL from its port
 * (read live: a restart keeps the port, a first start may have moved it), plus `extra` fields.
 */
function handleOf<X extends object>(
  m: Managed,
  dir: string,
  url: (port: number) => string,
  extra: X,
): ServerHandle & X & { readonly url: string } {
  return Object.defineProperties(
    {
      ...extra,
      dir,
      start: () => m.start(),
      stop: () => m.stop(),
      kill: () => m.kill(),
      pause: () => m.signal('SIGSTOP'),
      resume: () => m.signal('SIGCONT'),
      destroy: async () => {
        await m.stop();
        await rm(dir, { recursive: true, force: true });
      },
    },
    {
      port: { get: () => m.port, enumerable: true },
      running: { get: () => m.running, enumerable: true },
      url: { get: () => url(m.port), enumerable: true },
    },
  ) as ServerHandle & X & { readonly url: string };
}

// ---------------------------------------------------------------- Redis

export async function startRedisServer(opts: RedisServerOptions = {}): Promise<RedisServerHandle> {
  const redisBin = process.env.REDIS_SERVER_BIN ?? onPath('redis-server');
  if (!redisBin) {
    throw new Error('redis-server not found on PATH (Debian: apt-get install -y redis-server; or set REDIS_SERVER_BIN)');
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reservoir-redis-'));
  const appendonly = opts.appendonly ?? true;
  const logFile = path.join(dir, 'redis.log');
  const m = new Managed(
    {
      what: 'redis-server',
      cmd: redisBin,
      args: (port) => [
        '--bind',
        '127.0.0.1',
        '--port',
        String(port),
        '--dir',
        dir,
        '--appendonly',
        appendonly ? 'yes' : 'no',
        '--appendfsync',
        'everysec',
        '--save',
        '',
        '--daemonize',
        'no',
        '--pidfile',
        path.join(dir, 'redis.pid'),
        '--logfile',
        logFile,
      ],
      logFile,
      probe: (port) => redisPing(port),
      startTimeoutMs: opts.startTimeoutMs ?? 20_000,
    },
    await getFreePort(),
  );
  await m.startFresh();
  return handleOf(m, dir, (port) => `redis://127.0.0.1:${port}`, {});
}

// ---------------------------------------------------------------- PostgreSQL, for FerretDB

const POSTGRES_ADMIN_URL = process.env.RESERVOIR_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Databases made for FerretDB servers: reservoir_ferret_<pid of the creator>_<random>. */
const FERRET_DB_PREFIX = 'reservoir_ferret_';
const ownPgDatabases = new Set<string>();

function psql(sql: string, timeoutMs = 30_000): Promise<string> {
  const bin = onPath('psql');
  if (!bin) return Promise.reject(new Error('psql not found on PATH'));
  return new Promise((resolve, reject) =>
    execFile(bin, [POSTGRES_ADMIN_URL, '-v', 'ON_ERROR_STOP=1', '-Atqc', sql], { timeout: timeoutMs }, (err, stdout, stderr) =>
      err ? reject(new Error(`psql: ${stderr || err.message}`)) : resolve(stdout),
    ),
  );
}

/**
 * FerretDB v1.24's update command keeps one PostgreSQL connection per statement until the command
 * ends (`defer closer.Close()` in a loop, internal/handler/msg_update.go); its pool's default of 50
 * connections makes the archive's bulks of 50 wait forever. Room for one bulk at a time, and a few
 * reads: two bulks at once on one server can still wait forever (bench/NOTES.md, FerretDB).
 */
const FERRET_PG_POOL = 64;

/** The URL FerretDB is given for a database of POSTGRES_ADMIN_URL's server. */
function postgresUrl(database: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  url.searchParams.set('pool_max_conns', String(FERRET_PG_POOL));
  return url.toString();
}

/**
 * SQLite unless RESERVOIR_FERRETDB_BACKEND=postgresql: FerretDB's PostgreSQL backend is 5-10x
 * faster on the archive's writes at 8,000 documents but scans the collection too (its `_id`
 * filter, `_jsonb->'_id' @> ...`, cannot use the btree index on `_jsonb->'_id'`), and holds one
 * connection per statement of a bulk (FERRET_PG_POOL): see bench/ferretdb-backends.ts.
 */
export function ferretBackend(): FerretBackend {
  return process.env.RESERVOIR_FERRETDB_BACKEND === 'postgresql' ? 'postgresql' : 'sqlite';
}

/** Drops the FerretDB databases of test processes that are gone (killed before they could). */
async function dropStalePgDatabases(): Promise<void> {
  const names = (await psql(`select datname from pg_database where datname like '${FERRET_DB_PREFIX}%'`)).split('\n').filter(Boolean);
  for (const name of names) {
    const pid = Number(/^reservoir_ferret_(\d+)_/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      await psql(`drop database if exists "${name}" with (force)`).catch(() => {});
    }
  }
}

async function createPgDatabase(): Promise<string> {
  await dropStalePgDatabases().catch(() => {});
  const name = `${FERRET_DB_PREFIX}${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await psql(`create database "${name}"`);
  ownPgDatabases.add(name);
  return name;
}

async function dropPgDatabase(name: string): Promise<void> {
  await psql(`drop database if exists "${name}" with (force)`);
  ownPgDatabases.delete(name);
}

/** At exit, synchronously: the databases of servers never destroyed. */
function dropOwnPgDatabasesNow(): void {
  const bin = onPath('psql');
  if (!bin || ownPgDatabases.size === 0) return;
  for (const name of ownPgDatabases) {
    try {
      execFileSync(bin, [POSTGRES_ADMIN_URL, '-Atqc', `drop database if exists "${name}" with (force)`], {
        stdio: 'ignore',
        timeout: 10_000,
      });
    } catch {
      /* the next run's sweep drops it */
    }
  }
  ownPgDatabases.clear();
}

// ---------------------------------------------------------------- MongoDB wire

export async function startMongoServer(opts: MongoServerOptions = {}): Promise<MongoServerHandle> {
  const dbName = opts.dbName ?? 'reservoir_test';
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reservoir-mongo-'));
  const mongod = process.env.MONGOD_BIN ?? onPath('mongod');
  let spec: Spec;
  let backend: FerretBackend | undefined;
  let pgDatabase: string | undefined;
  if (mongod) {
    const dbPath = path.join(dir, 'db');
    await mkdir(dbPath, { recursive: true });
    const logFile = path.join(dir, 'mongod.log');
    spec = {
      what: 'mongod',
      cmd: mongod,
      args: (port) => ['--bind_ip', '127.0.0.1', '--port', String(port), '--dbpath', dbPath, '--nounixsocket'],
      logFile,
      probe: (port) => mongoPing(port),
      startTimeoutMs: opts.startTimeoutMs ?? 60_000,
    };
  } else {
    const bin = await findFerretDB();
    const logFile = path.join(dir, 'ferretdb.log');
    backend = opts.ferretdbBackend ?? ferretBackend();
    if (backend === 'postgresql') pgDatabase = await createPgDatabase();
    const storage =
      backend === 'postgresql'
        ? ['--handler=postgresql', `--postgresql-url=${postgresUrl(pgDatabase!)}`]
        : ['--handler=sqlite', `--sqlite-url=file:${dir}/`];
    spec = {
      what: `ferretdb (${backend})`,
      cmd: bin,
      args: (port) => [
        ...storage,
        `--listen-addr=127.0.0.1:${port}`,
        '--telemetry=disable',
        // no debug/metrics HTTP listener: its default 127.0.0.1:8088 clashes between instances
        '--debug-addr=-',
        // state.json per instance (default: the current directory)
        `--state-dir=${dir}`,
        '--log-level=warn',
      ],
      logFile,
      probe: (port) => mongoPing(port),
      startTimeoutMs: opts.startTimeoutMs ?? 60_000,
    };
  }
  const m = new Managed(spec, await getFreePort());
  try {
    await m.startFresh();
  } catch (e) {
    if (pgDatabase) await dropPgDatabase(pgDatabase).catch(() => {});
    throw e;
  }
  const handle = handleOf(m, dir, (port) => `mongodb://127.0.0.1:${port}/${dbName}`, {
    dbName,
    kind: mongod ? ('mongod' as const) : ('ferretdb' as const),
    backend,
    postgresUrl: pgDatabase ? postgresUrl(pgDatabase) : undefined,
  });
  if (!pgDatabase) return handle;
  const destroyFiles = handle.destroy;
  return Object.defineProperty(handle, 'destroy', {
    value: async () => {
      await destroyFiles();
      await dropPgDatabase(pgDatabase!).catch(() => {});
    },
  });
}

// ---------------------------------------------------------------- Redis Cluster

export interface RedisClusterHandle {
  /** Seed list as REDIS_CLUSTER_NODES takes it: `127.0.0.1:P1,127.0.0.1:P2,...` */
  readonly nodes: string;
  /** One handle per master, in the order the slots were given out (with replicas: as created; a failover changes who is master). */
  readonly masters: RedisServerHandle[];
  /** Every node, masters then replicas as created. */
  readonly all: RedisServerHandle[];
  readonly dir: string;
  /** Stops every node and deletes the data dir. */
  destroy(): Promise<void>;
}

export interface RedisClusterOptions {
  /** How many masters. Default 3, the smallest cluster `redis-cli --cluster create` accepts. */
  masters?: number;
  /** Replicas of each master (`--cluster-replicas`). Default 0. */
  replicasPerMaster?: number;
  /** cluster-node-timeout: how long a master may not answer before its replica takes over. Default 5000. */
  nodeTimeoutMs?: number;
  /** AOF with appendfsync always on every node (a node killed and restarted keeps every acknowledged write). Default false. */
  appendonly?: boolean;
  /** Readiness timeout in ms, for the whole cluster. Default 30000. */
  startTimeoutMs?: number;
}

function redisCli(args: string[], timeoutMs = 30_000): Promise<string> {
  const cli = process.env.REDIS_CLI_BIN ?? onPath('redis-cli');
  if (!cli) return Promise.reject(new Error('redis-cli not found on PATH (Debian: apt-get install -y redis-tools)'));
  return new Promise((resolve, reject) =>
    execFile(cli, args, { timeout: timeoutMs, maxBuffer: 1 << 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(`redis-cli ${args.join(' ')}: ${stderr || stdout || err.message}`)) : resolve(stdout),
    ),
  );
}

/** True when the node at `port` sees the whole cluster healthy: every slot served, `size` masters. */
async function clusterHealthy(port: number, size: number, known = size): Promise<boolean> {
  try {
    const info = await redisCli(['-h', '127.0.0.1', '-p', String(port), 'cluster', 'info'], 2_000);
    if (known > size) {
      // a replica counts once it holds its master's data
      const replication = await redisCli(['-h', '127.0.0.1', '-p', String(port), 'info', 'replication'], 2_000);
      if (replication.includes('role:slave') && !replication.includes('master_link_status:up')) return false;
    }
    return (
      info.includes('cluster_state:ok') &&
      info.includes('cluster_slots_ok:16384') &&
      new RegExp(`cluster_size:${size}\\b`).test(info) &&
      new RegExp(`cluster_known_nodes:${known}\\b`).test(info)
    );
  } catch {
    return false;
  }
}

/**
 * A throwaway Redis Cluster of `masters` masters on loopback ports, built the way operators build
 * one: Debian's redis-server with `--cluster-enabled yes`, joined by `redis-cli --cluster create`.
 * No persistence (the tests that prove recovery use a single redis-server). Resolves once every
 * node reports `cluster_state:ok` with all slots covered.
 */
export async function startRedisCluster(opts: RedisClusterOptions = {}): Promise<RedisClusterHandle> {
  const redisBin = process.env.REDIS_SERVER_BIN ?? onPath('redis-server');
  if (!redisBin) {
    throw new Error('redis-server not found on PATH (Debian: apt-get install -y redis-server; or set REDIS_SERVER_BIN)');
  }
  const version = /v=(\d+)\.(\d+)/.exec(versionOf(redisBin) ?? '');
  if (version && Number(version[1]) < 7) {
    throw new Error(
      `the test Redis Cluster needs redis-server 7 or later (--cluster-port); ${redisBin} is ${version[1]}.${version[2]}: install Redis 7`,
    );
  }
  const size = opts.masters ?? 3;
  if (size < 3) throw new Error('a Redis Cluster needs at least 3 masters');
  const replicas = opts.replicasPerMaster ?? 0;
  const total = size * (1 + replicas);
  const timeoutMs = opts.startTimeoutMs ?? 30_000;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reservoir-redis-cluster-'));
  const nodes: Managed[] = [];
  const destroy = async () => {
    await Promise.all(nodes.map((m) => m.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < total; i++) {
      const nodeDir = path.join(dir, `node-${i}`);
      await mkdir(nodeDir, { recursive: true });
      const logFile = path.join(nodeDir, 'redis.log');
      // The cluster bus gets a port of its own (cluster-port, Redis >= 7) instead of port + 10000,
      // a new one too when a first start is retried (either port may be what another process took).
      let busPort = await getFreePort();
      const m = new Managed(
        {
          what: `redis-server (cluster node ${i})`,
          cmd: redisBin,
          args: (port) => [
            '--bind',
            '127.0.0.1',
            '--port',
            String(port),
            '--cluster-enabled',
            'yes',
            '--cluster-port',
            String(busPort),
            '--cluster-config-file',
            path.join(nodeDir, 'nodes.conf'),
            '--cluster-node-timeout',
            String(opts.nodeTimeoutMs ?? 5000),
            // a replica takes over however long its master was away (a test pauses one)
            '--cluster-replica-validity-factor',
            '0',
            '--dir',
            nodeDir,
            '--appendonly',
            opts.appendonly ? 'yes' : 'no',
            '--appendfsync',
            'always',
            '--save',
            '',
            '--daemonize',
            'no',
            '--pidfile',
            path.join(nodeDir, 'redis.pid'),
            '--logfile',
            logFile,
          ],
          logFile,
          probe: (port) => redisPing(port),
          startTimeoutMs: timeoutMs,
          freshPorts: async () => {
            busPort = await getFreePort();
          },
        },
        await getFreePort(),
      );
      nodes.push(m);
    }
    await Promise.all(nodes.map((m) => m.startFresh()));
    const seeds = nodes.map((m) => `127.0.0.1:${m.port}`);
    await redisCli(['--cluster', 'create', ...seeds, '--cluster-replicas', String(replicas), '--cluster-yes'], timeoutMs);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const healthy = await Promise.all(nodes.map((m) => clusterHealthy(m.port, size, total)));
      if (healthy.every(Boolean)) break;
      if (Date.now() > deadline) {
        throw new Error(
          `Redis Cluster ${seeds.join(',')} not healthy within ${timeoutMs} ms${logTail(path.join(dir, 'node-0', 'redis.log'))}`,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const handles: RedisServerHandle[] = nodes.map((m, i) => ({
      get url() {
        return `redis://127.0.0.1:${m.port}`;
      },
      get port() {
        return m.port;
      },
      dir: path.join(dir, `node-${i}`),
      get running() {
        return m.running;
      },
      start: () => m.start(),
      stop: () => m.stop(),
      kill: () => m.kill(),
      pause: () => m.signal('SIGSTOP'),
      resume: () => m.signal('SIGCONT'),
      // a node's data dir belongs to the cluster: destroy() of the cluster removes it
      destroy: () => m.stop(),
    }));
    return { nodes: seeds.slice(0, size).join(','), masters: handles.slice(0, size), all: handles, dir, destroy };
  } catch (e) {
    await destroy().catch(() => {});
    throw e;
  }
}
