import type { SyncRunReport } from '../domain/ports.js';
import { runSync, type ArchiveSyncDeps, type SyncRunOptions } from '../domain/archive-sync.js';

/**
 * Runs sync batches one after the other in this process: a batch never overlaps the previous
 * one, and an admin asking for a run while one is going gets a run of its own right after it.
 * Across replicas the tenant lease keeps one syncer per tenant.
 */
export class SyncRunner {
  private tail: Promise<unknown> = Promise.resolve();
  private busy = false;
  lastRun: SyncRunReport | null = null;
  lastFailure: SyncRunReport | null = null;
  private readonly listeners: ((report: SyncRunReport) => void)[] = [];

  constructor(private readonly deps: ArchiveSyncDeps) {}

  /** Sees every finished batch (metrics count them). */
  onReport(listener: (report: SyncRunReport) => void): void {
    this.listeners.push(listener);
  }

  get running(): boolean {
    return this.busy;
  }

  run(options: SyncRunOptions): Promise<SyncRunReport> {
    const next = this.tail.then(async () => {
      this.busy = true;
      try {
        const report = await runSync(this.deps, options);
        this.lastRun = report;
        if (!report.ok) this.lastFailure = report;
        for (const listener of this.listeners) listener(report);
        return report;
      } finally {
        this.busy = false;
      }
    });
    this.tail = next.catch(() => {});
    return next;
  }

  /** Resolves once the batch in progress (if any) and those queued behind it are done. */
  idle(): Promise<void> {
    return this.tail.then(() => {});
  }
}
