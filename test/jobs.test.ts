import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineJobs } from '../src/jobs/jobs.js';
import { startJobs } from '../src/jobs/scheduler.js';
import { eventually, makeOrder, newTenantId, sleep, startTestService, type TestService } from './support/harness.js';
import { defaultConfig } from '../src/config.js';

// The scheduled batch syncs every tenant of its Redis: it gets a Redis of its own.
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ ownRedis: true });
});
afterAll(() => svc.close());

describe('the scheduled sync batch', () => {
  it('runs on its cron, syncs enabled tenants, and never overlaps the previous run', async () => {
    const [on, off] = [newTenantId(), newTenantId()];
    await svc.call('PUT', `/${off}/config`, { enableInternalOrderSync: false });
    for (const t of [on, off]) await svc.call('POST', `/${t}/order`, makeOrder(t));

    // Every run takes longer than the one-second cron period.
    const archive = svc.services.archive;
    const write = archive.writeOrders.bind(archive);
    archive.writeOrders = async (orders, runId) => {
      await sleep(1500);
      return write(orders, runId);
    };
    const jobs = startJobs(
      svc.services,
      defineJobs({ ...defaultConfig().jobs, syncCron: '* * * * * *', expirySweepIntervalMs: 1000, restoreCheckIntervalMs: 60_000 }).filter(
        (job) => job.name === 'sync-orders-to-mongodb',
      ),
    );
    try {
      // Two runs at least, whatever this machine's speed (each takes 1.5 s or more).
      await eventually(
        async () => {
          const listed = (await svc.call('GET', '/admin/sync?limit=50')).body.runs.filter((r: any) => r.trigger === 'schedule');
          expect(listed.length).toBeGreaterThanOrEqual(2);
        },
        30_000,
        250,
      );
    } finally {
      await jobs.stop();
      archive.writeOrders = write;
    }
    const runs = (await svc.call('GET', '/admin/sync?limit=50')).body.runs.filter((r: any) => r.trigger === 'schedule').reverse();
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < runs.length; i++) expect(Date.parse(runs[i].startedAt)).toBeGreaterThanOrEqual(Date.parse(runs[i - 1].finishedAt));
    const reports = runs[0].tenants;
    expect(reports.find((r: any) => r.tenantId === on)).toMatchObject({ status: 'synced', ordersWritten: 1 });
    expect(reports.find((r: any) => r.tenantId === off)).toMatchObject({ status: 'skipped' });
    expect((await svc.call('GET', `/${on}/sync`)).body.pendingChanges).toBe(0);
    // A tenant whose sync is off keeps no pending change: the next sync once it is on is full.
    expect((await svc.call('GET', `/${off}/sync`)).body.pendingChanges).toBe(0);
  });
});
