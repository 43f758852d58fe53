import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { SyncRunReport } from '../domain/ports.js';
import type { AppServices, Readiness } from '../routes/env.js';

/** What the health strip shows on every page. */
export interface HealthStrip {
  redis: Readiness;
  mongodb: Readiness;
  lastSync: SyncRunReport | null;
  syncRunning: boolean;
  /** The event loop's delay (99th percentile) over the last half minute, in ms. */
  eventLoopLagMs: number;
  version: string;
}

/** The service's version, from its package.json (next to src/ or dist/). */
const VERSION = (() => {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
})();

let delay: ReturnType<typeof monitorEventLoopDelay> | undefined;
let lastLagMs = 0;

/** Started with the first page: a histogram of the loop's delay, read and reset every 30 s. */
function eventLoopLagMs(): number {
  if (!delay) {
    delay = monitorEventLoopDelay({ resolution: 20 });
    delay.enable();
    setInterval(() => {
      lastLagMs = delay!.percentile(99) / 1e6;
      delay!.reset();
    }, 30_000).unref();
  }
  const current = delay.count > 0 ? delay.percentile(99) / 1e6 : 0;
  return Math.max(current, lastLagMs);
}

export async function readHealth(services: Pick<AppServices, 'health' | 'syncState' | 'syncRunner'>): Promise<HealthStrip> {
  // The runs of every replica (Redis keeps them); this replica's own when Redis does not answer.
  const [redis, mongodb, runs] = await Promise.all([
    services.health.redis(),
    services.health.mongodb(),
    services.syncState.listRuns(1).catch(() => [] as SyncRunReport[]),
  ]);
  return {
    redis,
    mongodb,
    lastSync: runs[0] ?? services.syncRunner.lastRun,
    syncRunning: services.syncRunner.running,
    eventLoopLagMs: eventLoopLagMs(),
    version: VERSION,
  };
}
