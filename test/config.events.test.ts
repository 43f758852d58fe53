/**
 * The change feed's and the webhooks' settings, read from the environment: durations as
 * operators write them, the retry schedule, and a readable refusal of what is wrong.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';

const valid = {
  REDIS_URL: 'redis://127.0.0.1:6390',
  MONGO_URL: 'mongodb://127.0.0.1:27027/reservoir',
  ADMIN_API_KEY: 'a-long-enough-admin-key',
};

describe('event and webhook configuration', () => {
  it('defaults to 100,000 events and 24 h per tenant, 5 s timeouts, the Svix-like schedule and 5 days before disabling', () => {
    const result = parseConfig(valid);
    if (!('config' in result)) throw new Error(result.errors.join('\n'));
    expect(result.config).toMatchObject({
      service: {
        eventsMaxPerTenant: 100_000,
        events: { retentionMs: 24 * 3_600_000 },
        webhooks: {
          timeoutMs: 5000,
          retryScheduleMs: [0, 5000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
          disableAfterMs: 5 * 86_400_000,
          allowPrivateNetworks: false,
        },
      },
      startup: { webhookDispatcher: true },
    });
  });

  it('reads durations and a schedule such as 0s,1s,2s', () => {
    const result = parseConfig({
      ...valid,
      EVENTS_RETENTION: '90m',
      WEBHOOK_RETRY_SCHEDULE: '0s, 1s,2s,500ms',
      WEBHOOK_DISABLE_AFTER: '2d',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    });
    if (!('config' in result)) throw new Error(result.errors.join('\n'));
    expect(result.config.service).toMatchObject({
      events: { retentionMs: 90 * 60_000 },
      webhooks: { retryScheduleMs: [0, 1000, 2000, 500], disableAfterMs: 2 * 86_400_000, allowPrivateNetworks: true },
    });
  });

  it('names each wrong value', () => {
    const result = parseConfig({
      ...valid,
      EVENTS_RETENTION: '24 hours',
      WEBHOOK_RETRY_SCHEDULE: '0s,soon',
      WEBHOOK_DISABLE_AFTER: '5',
      EVENTS_MAX_PER_TENANT: '0',
    });
    if (!('errors' in result)) throw new Error('accepted');
    const text = result.errors.join('\n');
    expect(text).toMatch(/EVENTS_RETENTION: must be a duration/);
    expect(text).toMatch(/WEBHOOK_RETRY_SCHEDULE: "soon" is not a duration/);
    expect(text).toMatch(/WEBHOOK_DISABLE_AFTER: must be a duration/);
    expect(text).toMatch(/EVENTS_MAX_PER_TENANT/);
  });
});
