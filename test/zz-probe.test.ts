import { it, expect } from 'vitest';
import { startTestService, newTenantId, makeOrder } from './support/harness.js';
it('probe', async () => {
  let now = Date.UTC(2031, 0, 1);
  const svc = await startTestService({ clock: () => now });
  const t = newTenantId();
  const o = makeOrder(t, { expiresAt: new Date(now + 2000).toISOString() });
  console.log((await svc.call('POST', `/${t}/order`, o)).body);
  const { expiresAt, ...o2 } = o;
  console.log((await svc.call('POST', `/${t}/order`, o2)).body);
  now += 3000;
  console.log((await svc.call('GET', `/${t}/stock-origins`)).body);
  console.log((await svc.call('GET', `/${t}/order/${o.orderId}`)).status);
  await svc.close();
});
