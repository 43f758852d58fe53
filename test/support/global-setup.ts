/**
 * vitest globalSetup: makes a Redis and a MongoDB-wire server available to tests.
 *
 * For each of Redis / MongoDB, in order of preference:
 *   a) REDIS_URL / MONGO_URL already set in the environment (e.g. by .ci/run) → used as is;
 *   b) a Docker engine answers → `redis:7` / `mongo:7` containers (testcontainers);
 *   c) otherwise → local throwaway servers (test/support/servers.ts: redis-server,
 *      mongod or FerretDB).
 *
 * Tests read the URLs with `inject('redisUrl')` / `inject('mongoUrl')` or from
 * process.env.REDIS_URL / MONGO_URL (MONGO_URL names the database `reservoir_test`
 * when the server is started here).
 *
 * Set RESERVOIR_TEST_NO_DOCKER=1 to skip the Docker probe.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMongoServer, startRedisServer } from './servers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    mongoUrl: string;
  }
}

const TEST_DB = 'reservoir_test';
const DOCKER_PROBE_TIMEOUT_MS = 10_000;

type Stopper = () => Promise<unknown>;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
      timer.unref();
    }),
  ]);
}

/** Cheap check first (no socket → no Docker), then a bounded real probe. */
async function dockerAvailable(): Promise<boolean> {
  if (process.env.RESERVOIR_TEST_NO_DOCKER === '1') return false;
  const sockets = [
    '/var/run/docker.sock',
    path.join(os.homedir(), '.docker', 'run', 'docker.sock'),
    path.join(os.homedir(), '.docker', 'desktop', 'docker.sock'),
    process.env.XDG_RUNTIME_DIR ? path.join(process.env.XDG_RUNTIME_DIR, 'docker.sock') : '',
    process.env.XDG_RUNTIME_DIR ? path.join(process.env.XDG_RUNTIME_DIR, 'podman', 'podman.sock') : '',
  ].filter(Boolean);
  if (!process.env.DOCKER_HOST && !sockets.some((s) => existsSync(s))) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await withTimeout(getContainerRuntimeClient(), DOCKER_PROBE_TIMEOUT_MS, 'Docker probe');
    return true;
  } catch {
    return false;
  }
}

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stoppers: Stopper[] = [];
  const teardown = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => {});
  };

  try {
    let redisUrl = process.env.REDIS_URL;
    let mongoUrl = process.env.MONGO_URL;

    if (!redisUrl || !mongoUrl) {
      if (await dockerAvailable()) {
        const { GenericContainer, Wait } = await import('testcontainers');
        const [redis, mongo] = await Promise.all([
          redisUrl
            ? undefined
            : new GenericContainer('redis:7')
                .withExposedPorts(6379)
                .withCommand(['redis-server', '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', ''])
                .withWaitStrategy(Wait.forLogMessage('Ready to accept connections'))
                .start(),
          mongoUrl
            ? undefined
            : new GenericContainer('mongo:7')
                .withExposedPorts(27017)
                .withWaitStrategy(Wait.forLogMessage(/Waiting for connections/))
                .start(),
        ]);
        if (redis) {
          stoppers.push(() => redis.stop());
          redisUrl = `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`;
        }
        if (mongo) {
          stoppers.push(() => mongo.stop());
          mongoUrl = `mongodb://${mongo.getHost()}:${mongo.getMappedPort(27017)}/${TEST_DB}`;
        }
      } else {
        const [redis, mongo] = await Promise.all([
          redisUrl ? undefined : startRedisServer({ appendonly: true }),
          mongoUrl ? undefined : startMongoServer({ dbName: TEST_DB }),
        ]);
        if (redis) {
          stoppers.push(() => redis.destroy());
          redisUrl = redis.url;
        }
        if (mongo) {
          stoppers.push(() => mongo.destroy());
          mongoUrl = withDb(mongo.url, TEST_DB);
        }
      }
    }

    if (!redisUrl || !mongoUrl) throw new Error('global-setup: no Redis or MongoDB URL');
    process.env.REDIS_URL = redisUrl;
    process.env.MONGO_URL = mongoUrl;
    project.provide('redisUrl', redisUrl);
    project.provide('mongoUrl', mongoUrl);
  } catch (e) {
    await teardown();
    throw e;
  }

  return teardown;
}
