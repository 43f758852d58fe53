/** The benchmark's settings, from the environment that bench/run.sh prepares. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setRedisOperationTimeout } from '../../src/repositories/redis-client.js';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(BENCH_DIR, '..');
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');

const num = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name}=${raw} is not a number`);
  return value;
};
const list = (name: string, fallback: number[]) =>
  process.env[name] ? process.env[name]!.split(',').map((v) => Number(v.trim())) : fallback;

export const env = {
  redisUrl: process.env.BENCH_REDIS_URL ?? '',
  /** mongodb://host:port (no database: each benchmark uses its own). */
  mongoBase: (process.env.BENCH_MONGO_URL ?? '').replace(/\/+$/, ''),
  mongoKind: process.env.BENCH_MONGO_KIND ?? 'unknown',
  /** How servers under test run: `tsx` (node --import tsx, as `npm start`) or `compiled` (esbuild bundle). */
  runtime: (process.env.BENCH_RUNTIME ?? 'compiled') as 'tsx' | 'compiled',
  durationSec: num('BENCH_DURATION', 10),
  warmupSec: num('BENCH_WARMUP', 3),
  connections: list('BENCH_CONNECTIONS', [50, 100]),
  /** Alternating slices per measured comparison (see http.ts). */
  slices: num('BENCH_SLICES', 5),
};

export const mongoUrl = (db: string) => `${env.mongoBase}/${db}`;

export const ADMIN_KEY = 'bench-admin-key-0123456789';

export function requireServers() {
  if (!env.redisUrl || !env.mongoBase) {
    throw new Error('BENCH_REDIS_URL and BENCH_MONGO_URL must be set: run the benchmarks with `npm run bench`');
  }
  // The benchmarks' own store calls (filling tenants by chunks of 1,000 orders, several at once)
  // may queue behind each other for more than the service's 1 s on a loaded machine: they are
  // not testing the fail-fast.
  setRedisOperationTimeout(60_000);
}
