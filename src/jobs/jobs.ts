import type { Services } from '../services.js';
import { trimEventFeeds } from '../domain/events.js';
import { expireDueOrders } from '../domain/expiry.js';
import { restoreAllTenants } from '../domain/restore.js';
import { trimDeliveryLogs } from '../domain/webhook-deliveries.js';
import { restoreWebhookEndpoints } from '../domain/webhook-endpoints.js';

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
  /** The self-check of the reservation figures (RECONCILE_CRON). */
  reconcileCron: string;
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
        services.metrics.ordersExpired.inc(expired);
        if (expired > 0) services.log.debug({ expired }, 'expired orders removed');
      },
    },
    {
      // Redis that came back empty (restart without persistence, failover, flush) is refilled.
      name: 'restore-lost-tenants',
      schedule: { everyMs: settings.restoreCheckIntervalMs },
      run: async (services) => services.reconciler.afterRestore(await restoreAllTenants(services)),
    },
    {
      // Figures that drifted from the orders (a hand edit, a partial backup restore) are repaired.
      name: 'reconcile-reservations',
      schedule: settings.reconcileCron,
      run: (services) => services.reconciler.runScheduled(),
    },
    {
      name: 'record-api-key-last-use',
      schedule: { everyMs: 60_000 },
      run: (services) => services.apiKeys.flushLastUse(),
    },
    {
      // The change feed keeps no event older than EVENTS_RETENTION (but each tenant's newest).
      name: 'trim-event-feeds',
      schedule: { everyMs: 60_000 },
      run: async (services) => {
        const dropped = await trimEventFeeds(
          { feed: services.events.feed, tenants: services.tenants, clock: services.clock },
          services.events.settings.retentionMs,
          [],
          services.events.settings.maxBytesPerTenant,
        );
        if (dropped > 0) services.log.debug({ dropped }, 'old events dropped from the feeds');
      },
    },
    {
      // Webhook endpoints Redis lost (or whose change reached MongoDB only) are put back from MongoDB.
      name: 'restore-webhook-endpoints',
      schedule: { everyMs: settings.restoreCheckIntervalMs },
      run: (services) => restoreWebhookEndpoints(services.webhooks),
    },
    {
      // The delivery log keeps finished deliveries for WEBHOOK_LOG_RETENTION, and so many per endpoint.
      name: 'trim-webhook-delivery-logs',
      schedule: { everyMs: 60_000 },
      run: (services) => trimDeliveryLogs(services.webhooks),
    },
    {
      name: 'collect-replaced-generations',
      schedule: { everyMs: 60_000 },
      run: async (services) => {
        for (const tenantId of await services.tenants.listTenants()) await services.replacer.collectGarbage(tenantId);
      },
    },
  ];
}
