/** Servers under test, each in its own Node process, and what the kernel says about them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { BENCH_DIR, env, ROOT } from './env.js';

export interface ServerHandle {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Entry points by name: TypeScript source, and the bundle `compiled` runs. */
export const ENTRIES = {
  service: path.join(ROOT, 'src/server.ts'),
  bare: path.join(BENCH_DIR, 'ceiling/bare.ts'),
  hello: path.join(BENCH_DIR, 'ceiling/hello.ts'),
} as const;

export function nodeArgs(entry: keyof typeof ENTRIES, runtime = env.runtime, extra: string[] = [], entryPath?: string): string[] {
  // compiled: the service from its build (npm run build into bench/.build/service, or the server.js
  // given), the ceilings bundled.
  if (runtime === 'compiled') {
    return [
      ...extra,
      entry === 'service'
        ? (entryPath ?? path.join(BENCH_DIR, '.build', 'service', 'server.js'))
        : path.join(BENCH_DIR, '.build', `${entry}.mjs`),
    ];
  }
  return [...extra, '--import', 'tsx', entryPath ?? ENTRIES[entry]];
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before listening on ${port}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts a server; its stdout (the service's one-line-per-request log) goes to /dev/null, its
 * stderr to ours. Resolves once it accepts connections.
 */
export async function startServer(
  entry: keyof typeof ENTRIES,
  extraEnv: Record<string, string>,
  options: { runtime?: 'tsx' | 'compiled'; nodeFlags?: string[]; entryPath?: string } = {},
): Promise<ServerHandle> {
  const port = await freePort();
  const child = spawn(process.execPath, nodeArgs(entry, options.runtime, options.nodeFlags, options.entryPath), {
    cwd: ROOT,
    env: { ...process.env, ...extraEnv, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForPort(port, child);
  return {
    name: entry,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The service's environment: production defaults except where a benchmark needs otherwise. */
export function serviceEnv(mongoUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: env.redisUrl,
    MONGO_URL: mongoUrl,
    ADMIN_API_KEY: 'bench-admin-key-0123456789',
    // The production default: one pino line per request (to /dev/null here).
    LOG_LEVEL: 'info',
    // The scheduled sync would write to MongoDB in the middle of a load test; sync is measured on its own.
    SYNC_CRON: '0 0 1 1 *',
    ...overrides,
  };
}

const TICK = 100; // USER_HZ on Linux

/** CPU seconds the process has used (user + system). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICK;
}

/** Peak and current resident set size in MiB (VmHWM / VmRSS). */
export function memoryMiB(pid: number): { peak: number; current: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { peak: kb('VmHWM') / 1024, current: kb('VmRSS') / 1024 };
}
