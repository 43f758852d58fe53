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
    expect(result.config).toMatchObject({ PORT: 8080, LOG_LEVEL: 'info', SYNC_CRON: '*/10 * * * *', ORDER_BODY_LIMIT_BYTES: 1024 * 1024 });
  });

  it('names every wrong variable', () => {
    const result = parseConfig({ PORT: 'eighty', MONGO_URL: 'mongodb://127.0.0.1:27017', ADMIN_API_KEY: 'short', LOG_LEVEL: 'loud' });
    expect(result).toHaveProperty('errors');
    if (!('errors' in result)) return;
    const text = result.errors.join('\n');
    for (const name of ['PORT', 'MONGO_URL', 'ADMIN_API_KEY', 'LOG_LEVEL', 'REDIS_URL']) expect(text).toContain(name);
    expect(text).toMatch(/MONGO_URL: must name the database/);
  });

  it('limits failed console sign-ins to 10 a minute per client address by default, counted by the TCP peer unless proxies are trusted', () => {
    const result = parseConfig(valid);
    if (!('config' in result)) throw new Error(result.errors.join('\n'));
    expect(result.config).toMatchObject({ CONSOLE_SIGN_IN_ATTEMPTS_PER_MINUTE: 10, TRUSTED_PROXY_HOPS: 0 });
    expect(parseConfig({ ...valid, CONSOLE_SIGN_IN_ATTEMPTS_PER_MINUTE: '0', TRUSTED_PROXY_HOPS: '1' })).toMatchObject({
      config: { CONSOLE_SIGN_IN_ATTEMPTS_PER_MINUTE: 0, TRUSTED_PROXY_HOPS: 1 },
    });
    const wrong = parseConfig({ ...valid, CONSOLE_SIGN_IN_ATTEMPTS_PER_MINUTE: '-1', TRUSTED_PROXY_HOPS: 'nginx' });
    expect(wrong).toHaveProperty('errors');
    if ('errors' in wrong)
      for (const name of ['CONSOLE_SIGN_IN_ATTEMPTS_PER_MINUTE', 'TRUSTED_PROXY_HOPS']) expect(wrong.errors.join('\n')).toContain(name);
  });

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
