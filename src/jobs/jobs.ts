import type { Services } from '../services.js';
import { expireDueOrders, restoreAllTenants } from '../domain/sync.js';

/** A job is data: a name, when it runs, and what it does. `protect` keeps runs from overlapping. */
export interface Job {
  name: string;
  /** A cron pattern, or an interval in milliseconds. */
  schedule: string | { everyMs: number };
  run(services: Services): Promise<unknown>;
}

export interface JobSettings {
  syncCron: string;
  expirySweepIntervalMs: number;
  restoreCheckIntervalMs: number;
}

export function defineJobs(settings: JobSettings): Job[] {
  return [
    {
      name: 'sync-orders-to-mongodb',
      schedule: settings.syncCron,
      run: (services) => services.syncRunner.run({ trigger: 'schedule' }),
    },
    {
      // Orders and carts past their expiresAt go, with their reservations, within a second or so.
      name: 'expire-due-orders',
      schedule: { everyMs: settings.expirySweepIntervalMs },
      run: async (services) => {
        const expired = await expireDueOrders(services);
        if (expired > 0) services.logger.debug({ expired }, 'expired orders removed');
      },
    },
    {
      // Redis that came back empty (restart without persistence, failover, flush) is refilled.
      name: 'restore-lost-tenants',
      schedule: { everyMs: settings.restoreCheckIntervalMs },
      run: (services) => restoreAllTenants(services),
    },
    {
      name: 'collect-replaced-generations',
      schedule: { everyMs: 60_000 },
      run: async (services) => {
        for (const tenantId of await services.store.listTenants()) await services.store.collectGarbage(tenantId);
      },
    },
  ];
}
