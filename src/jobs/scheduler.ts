import { Cron } from 'croner';
import type { Services } from '../services.js';
import type { Job } from './jobs.js';

/** Seconds between a cron pattern's next two runs (the sync period the alert rules count in). */
export function cronPeriodSeconds(pattern: string): number {
  const [a, b] = new Cron(pattern, { paused: true }).nextRuns(2);
  return a && b ? (b.getTime() - a.getTime()) / 1000 : 0;
}

export interface Scheduler {
  stop(): Promise<void>;
}

/**
 * Starts every job. Cron jobs run through croner with `protect` (a run never overlaps the
 * previous one); interval jobs re-arm only after their run finished. A failing run is logged and
 * the job goes on at its next tick.
 */
export function startJobs(services: Services, jobs: Job[]): Scheduler {
  const running = new Set<Promise<unknown>>();
  const crons: Cron[] = [];
  const timers = new Map<string, NodeJS.Timeout>();
  let stopped = false;

  const execute = (job: Job) => {
    const run = job.run(services).catch((err) => services.log.error({ job: job.name, err }, 'job run failed'));
    running.add(run);
    return run.finally(() => running.delete(run));
  };

  for (const job of jobs) {
    if (typeof job.schedule === 'string') {
      crons.push(
        new Cron(job.schedule, { name: job.name, protect: true }, async () => {
          await execute(job);
        }),
      );
    } else {
      const { everyMs } = job.schedule;
      const arm = () => {
        if (stopped) return;
        const timer = setTimeout(() => void execute(job).finally(arm), everyMs);
        timer.unref();
        timers.set(job.name, timer);
      };
      arm();
    }
  }

  return {
    async stop() {
      stopped = true;
      for (const cron of crons) cron.stop();
      for (const timer of timers.values()) clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
  };
}
