import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantKeys } from '../src/repositories/keys.js';
import { newTenantId, startTestService, type TestService } from './support/harness.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

describe('tenant configuration', () => {
  it('defaults to enableInternalOrderSync: true for a tenant never configured', async () => {
    expect(await svc.call('GET', `/${newTenantId()}/config`)).toMatchObject({ status: 200, body: { enableInternalOrderSync: true } });
  });

  it('stores what PUT sends and answers it', async () => {
    const t = newTenantId();
    expect((await svc.call('PUT', `/${t}/config`, { enableInternalOrderSync: false })).body).toEqual({
      enableInternalOrderSync: false,
      saturationThresholds: [0.8, 1],
      reservationPolicy: 'always',
      defaultHoldSeconds: {},
    });
    expect((await svc.call('GET', `/${t}/config`)).body).toEqual({
      enableInternalOrderSync: false,
      saturationThresholds: [0.8, 1],
      reservationPolicy: 'always',
      defaultHoldSeconds: {},
    });
    expect((await svc.call('GET', `/${t + 1}/config`)).body).toEqual({
      enableInternalOrderSync: true,
      saturationThresholds: [0.8, 1],
      reservationPolicy: 'always',
      defaultHoldSeconds: {},
    });
  });

  it('survives the loss of Redis: MongoDB keeps it', async () => {
    const t = newTenantId();
    await svc.call('PUT', `/${t}/config`, { enableInternalOrderSync: false, reservationPolicy: 'if-available' });
    await svc.redis.del(tenantKeys(t).config, tenantKeys(t).policy);
    expect((await svc.call('GET', `/${t}/config`)).body).toEqual({
      enableInternalOrderSync: false,
      saturationThresholds: [0.8, 1],
      reservationPolicy: 'if-available',
      defaultHoldSeconds: {},
    });
    // the policy is back where the write scripts read it
    expect(await svc.redis.get(tenantKeys(t).policy)).toBe('if-available');
    // and it is put back into Redis for the next reads
    expect(JSON.parse((await svc.redis.get(tenantKeys(t).config))!)).toEqual({
      enableInternalOrderSync: false,
      saturationThresholds: [0.8, 1],
      reservationPolicy: 'if-available',
      defaultHoldSeconds: {},
    });
  });

  it('validates the body like every body', async () => {
    const t = newTenantId();
    for (const body of [
      {},
      { enableInternalOrderSync: 'yes' },
      { enableInternalOrderSync: 1 },
      [],
      { enableInternalOrderSync: true, reservationPolicy: 'never' },
    ]) {
      const res = await svc.call('PUT', `/${t}/config`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const named = await svc.call('PUT', `/${t}/config`, { enableInternalOrderSync: 'yes' });
    expect(named.body.error.details.map((d: any) => d.path)).toEqual(['enableInternalOrderSync']);
    expect((await svc.call('GET', `/${t}/config`)).body).toEqual({
      enableInternalOrderSync: true,
      saturationThresholds: [0.8, 1],
      reservationPolicy: 'always',
      defaultHoldSeconds: {},
    });
  });
});
