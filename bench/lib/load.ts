/** Drives a load generator (lib/load-worker.ts) in its own process. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { BENCH_DIR, ROOT } from './env.js';
import type { LoadResult, LoadSpec, WorkerMessage } from './load-worker.js';

export type { LoadResult, LoadSpec };

type Reply = { ready?: true; done?: true; error?: string; report?: LoadResult };

export class LoadGenerator {
  private readonly child: ChildProcess;
  private waiting: ((reply: Reply) => void) | null = null;
  private readonly ready: Promise<Reply>;

  constructor(readonly spec: LoadSpec) {
    this.child = spawn(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'lib/load-worker.ts'), JSON.stringify(spec)], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.ready = this.reply();
    this.child.on('message', (reply: Reply) => {
      const waiting = this.waiting;
      this.waiting = null;
      waiting?.(reply);
    });
    this.child.on('exit', (code) => this.waiting?.({ error: `load generator exited with ${code}` }));
  }

  private reply(): Promise<Reply> {
    return new Promise((resolve) => (this.waiting = resolve));
  }

  private async call(message: WorkerMessage): Promise<Reply> {
    await this.ready;
    const reply = this.reply();
    this.child.send(message);
    const got = await reply;
    if (got.error) throw new Error(got.error);
    return got;
  }

  /** Runs the load for `durationSec` (0: until stop()); recorded runs add up until report(). */
  async run(durationSec: number, record = true): Promise<void> {
    await this.call({ cmd: 'run', durationSec, record });
  }

  stop(): void {
    this.child.send({ cmd: 'stop' } satisfies WorkerMessage);
  }

  async report(): Promise<LoadResult> {
    return (await this.call({ cmd: 'report' })).report!;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ cmd: 'exit' } satisfies WorkerMessage);
    await exited;
  }
}
