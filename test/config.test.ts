import { describe, expect, it } from 'vitest';
import { parseConfig, redactUrl } from '../src/config.js';

const valid = {
  REDIS_URL: 'redis://127.0.0.1:6390',
  MONGO_URL: 'mongodb://127.0.0.1:27027/reservoir',
  ADMIN_API_KEY: 'a-long-enough-admin-key',
};

describe('service configuration from the environment', () => {
  it('applies the documented defaults', () => {
    const result = parseConfig(valid);
    expect(result).toHaveProperty('config');
    if (!('config' in result)) return;
    expect(result.config).toMatchObject({
      http: { port: 8080, keepAliveTimeoutMs: 5000 },
      log: { level: 'info' },
      jobs: { syncCron: '*/10 * * * *' },
      service: { orderBodyLimitBytes: 1024 * 1024 },
    });
  });

  it('reads every duration as milliseconds or with its unit, one convention for all', () => {
    const result = parseConfig({ ...valid, SYNC_LOCK_TTL_MS: '45s', REDIS_COMMAND_TIMEOUT_MS: '2500', HTTP_KEEP_ALIVE_TIMEOUT: '65000' });
    if (!('config' in result)) throw new Error(result.errors.join('\n'));
    expect(result.config).toMatchObject({
      service: { syncLockTtlMs: 45_000 },
      redis: { commandTimeoutMs: 2500 },
      http: { keepAliveTimeoutMs: 65_000 },
    });
    const wrong = parseConfig({ ...valid, SYNC_LOCK_TTL_MS: '2h', EXPIRY_SWEEP_INTERVAL_MS: 'often' });
    if (!('errors' in wrong)) throw new Error('accepted');
    expect(wrong.errors.join('\n')).toMatch(/SYNC_LOCK_TTL_MS: must be a duration between 500 and 600000 ms/);
    expect(wrong.errors.join('\n')).toMatch(/EXPIRY_SWEEP_INTERVAL_MS: must be a duration/);
  });

  it('names every wrong variable', () => {
    const result = parseConfig({ PORT: 'eighty', MONGO_URL: 'mongodb://127.0.0.1:27017', ADMIN_API_KEY: 'short', LOG_LEVEL: 'loud' });
    expect(result).toHaveProperty('errors');
    if (!('errors' in result)) return;
    const text = result.errors.join('\n');
    for (const name of ['PORT', 'MONGO_URL', 'ADMIN_API_KEY', 'LOG_LEVEL', 'REDIS_URL']) expect(text).toContain(name);
    expect(text).toMatch(/MONGO_URL: must name the database/);
  });

  it(
    'limits failed console sign-ins to 10 a minute per client address by default, counted by ' + 'the TCP peer unless proxies are trusted',
    () => {
      const result = parseConfig(valid);
      if (!('config' in result)) throw new Error(result.errors.join('\n'));
      expect(result.config.service).toMatchObject({ consoleSignInAttemptsPerMinute: 10, trustedProxyHops: 0 });
      expect(parseConfig({ ...valid, CONSOLE_SIGN_IN_ATTEMPTS_PER_MINUTE: '0', TRUSTED_PROXY_HOPS: '1' })).toMatchObject({
        config: { service: { consoleSignInAttemptsPerMinute: 0, trustedProxyHops: 1 } },
      });
      const wrong = parseConfig({ ...valid, CONSOLE_SIGN_IN_ATTEMPTS_PER_MINUTE: '-1', TRUSTED_PROXY_HOPS: 'nginx' });
      expect(wrong).toHaveProperty('errors');
      if ('errors' in wrong)
        for (const name of ['CONSOLE_SIGN_IN_ATTEMPTS_PER_MINUTE', 'TRUSTED_PROXY_HOPS']) expect(wrong.errors.join('\n')).toContain(name);
    },
  );

  it('accepts Redis Cluster seeds instead of a single Redis', () => {
    const { REDIS_URL: _, ...rest } = valid;
    expect(parseConfig({ ...rest, REDIS_CLUSTER_NODES: '10.0.0.1:7000,10.0.0.2:7000' })).toHaveProperty('config');
  });

  it('never logs a Redis password: the URL the start-up failure names is redacted', () => {
    expect(redactUrl('redis://:hunter2@redis.internal:6379/0')).toBe('redis://:***@redis.internal:6379/0');
    expect(redactUrl('rediss://app:hunter2@redis.internal:6380')).toBe('rediss://app:***@redis.internal:6380');
    expect(redactUrl('redis://hunter2@redis.internal:6379')).toBe('redis://***@redis.internal:6379');
    expect(redactUrl('redis://redis.internal:6379')).toBe('redis://redis.internal:6379');
  });
});
