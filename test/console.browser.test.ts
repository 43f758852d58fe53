/**
 * The ops console (/console) end to end: a real Chromium (playwright-core) against the real
 * service on the suite's Redis and MongoDB-wire server. Each step is what an operator does, and
 * its effect is checked through the API. Every page passes axe-core with no serious or critical
 * violation, and the main pages are photographed at desktop and phone widths (docs/screenshots/ with
 * UPDATE_SCREENSHOTS=1, `npm run screenshots`).
 *
 * Chromium: /usr/bin/chromium (`apt-get install -y chromium`; .ci/run installs it) or CHROMIUM_PATH.
 * Single project only (vitest.config.ts): the console calls the same services on a Cluster.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, expectAccessible, openConsoleBrowser, screenshot, signIn, type ConsoleBrowser } from './support/console-browser.js';
import { ADMIN_KEY, eventually, makeOrder, newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';
import { startReceiver, verifyWebhook, type Receiver } from './support/receiver.js';

let svc: TestService;
let web: ConsoleBrowser;
let receiver: Receiver;
let failing = true;
const tenant = newTenantId();
const other = newTenantId();
const orderIds: string[] = [];

beforeAll(async () => {
  svc = await startTestService({ settings: { webhooks: { allowPrivateNetworks: true, timeoutMs: 2000, retryScheduleMs: [0] } } });
  svc.services.webhooks.dispatcher.start();
  // Endpoints added from the console listen under /hooks/console, and are answered 200 always.
  receiver = await startReceiver((request) => ({ status: failing && !request.path.startsWith('/hooks/console') ? 500 : 200 }));
  web = await openConsoleBrowser(svc);
  for (let i = 0; i < 6; i++) {
    const order = makeOrder(tenant, {
      type: i % 3 === 2 ? 'Cart' : 'Order',
      lines: [
        { code: 'FRA:MAG:0125', artGuid: 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460', qty: i + 1 },
        { code: i % 2 ? 'BER:STO:0007' : 'HAM:WH:0001', artGuid: newGuid(), qty: 2 },
      ],
    });
    orderIds.push(order.orderId);
    expect((await svc.call('POST', `/${tenant}/order`, order)).status).toBeLessThan(300);
  }
  expect(
    (await svc.call('PUT', `/${tenant}/stock-origins/FRA:MAG:0125/capacity`, { maxQty: 40, maxLines: null, maxOrders: null })).status,
  ).toBe(200);
  expect((await svc.call('POST', `/${other}/order`, makeOrder(other))).status).toBeLessThan(300);
}, 120_000);

afterAll(async () => {
  await web?.close();
  await receiver?.close();
  await svc?.close();
});

async function adminPage(): Promise<Page> {
  const page = await (await web.newContext()).newPage();
  await signIn(page, web.origin, ADMIN_KEY);
  return page;
}

const tenantUrl = (id: number, rest = '') => `${web.origin}/console/tenants/${id}${rest}`;

describe('signing in', () => {
  it('refuses an unknown key on the sign-in page, which is accessible', async () => {
    const context = await web.newContext();
    const page = await context.newPage();
    await page.goto(`${web.origin}/console`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    await expectAccessible(page, 'sign-in');
    await screenshot(page, 'sign-in');
    await page.getByLabel('API key').fill('rsv_not-a-key-of-anyone-at-all-000000000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Unknown or revoked key');
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('with the admin key: a session cookie (HttpOnly, SameSite=Strict), the tenants with their figures, and sign-out ends it', async () => {
    const page = await adminPage();
    expect(new URL(page.url()).pathname).toBe('/console/tenants');
    const [cookie] = page.context().cookies ? await page.context().cookies() : [];
    expect(cookie).toMatchObject({ name: 'reservoir_console', httpOnly: true, sameSite: 'Strict', path: '/console' });
    expect(cookie!.value).not.toContain(ADMIN_KEY);
    expect(cookie!.expires).toBeGreaterThan(Date.now() / 1000);
    // The health strip, always there.
    await expect.poll(() => page.locator('[data-health-redis]').innerText()).toBe('up');
    expect(await page.locator('[data-health-mongodb]').innerText()).toBe('up');
    const row = page.locator(`[data-tenant-row="${tenant}"]`);
    await row.waitFor();
    expect(await row.locator('td').nth(0).innerText()).toBe('4'); // orders
    expect(await row.locator('td').nth(1).innerText()).toBe('2'); // carts (i = 2, 5)
    expect(await row.locator('td').nth(2).innerText()).toBe('33'); // reserved: 1+…+6 + 6×2
    expect(await page.locator(`[data-tenant-row="${other}"]`).count()).toBe(1);
    // The search box narrows by tenant id.
    await page.getByLabel('Search tenant id').fill(String(tenant));
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('[data-tenant-row]').count()).toBe(1);
    // The keyboard: the first Tab reaches "Skip to content", which leads to the page's content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to content');
    // Sortable: by reserved quantity, most first.
    await page.goto(`${web.origin}/console/tenants?sort=reservedQty&dir=desc`);
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('Reserved qty');
    await expectAccessible(page, 'tenants');
    await screenshot(page, 'tenants');

    // The session is in Redis under the digest of the cookie, with the idle timeout (30 min) as TTL,
    // renewed at each use (never past the session's 8 hours).
    const stored = `r:console:session:${createHash('sha256').update(cookie!.value).digest('base64url')}`;
    const ttl = await svc.redis.pttl(stored);
    expect(ttl).toBeGreaterThan(29 * 60_000);
    expect(ttl).toBeLessThanOrEqual(30 * 60_000);
    expect(await svc.redis.get(stored)).not.toContain(ADMIN_KEY);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/console\/sign-in/);
    expect(await page.context().cookies()).toEqual([]);
    expect(await svc.redis.exists(stored)).toBe(0);
    await page.goto(`${web.origin}/console/tenants`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    // The cookie of an ended session is worth nothing, even replayed.
    await page.context().addCookies([{ ...cookie!, expires: -1 }]);
    await page.goto(`${web.origin}/console/tenants`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    // An expired session (Redis forgot it) sends the operator to sign in, back to the page asked for.
    await signIn(page, web.origin, ADMIN_KEY);
    const [fresh] = await page.context().cookies();
    await svc.redis.del(`r:console:session:${createHash('sha256').update(fresh!.value).digest('base64url')}`);
    await page.goto(tenantUrl(tenant, '/orders'));
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    await page.getByLabel('API key').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(new RegExp(`/console/tenants/${tenant}/orders$`));
    await page.context().close();
  });

  it('with a tenant key: its own tenant only; another tenant and the admin pages are refused', async () => {
    const created = await svc.call('POST', `/admin/tenants/${tenant}/api-keys`);
    const page = await (await web.newContext()).newPage();
    await signIn(page, web.origin, created.body.key);
    expect(new URL(page.url()).pathname).toBe(`/console/tenants/${tenant}`);
    expect(await page.getByRole('navigation', { name: `Tenant ${tenant}` }).innerText()).not.toContain('API keys');
    await expectAccessible(page, 'tenant page (tenant key)');

    for (const path of [
      `/console/tenants/${other}`,
      `/console/tenants/${other}/orders`,
      `/console/tenants/${other}/activity/stream`,
      '/console/tenants',
      `/console/tenants/${tenant}/keys`,
    ]) {
      const res = await page.goto(`${web.origin}${path}`);
      expect(res!.status(), path).toBe(403);
    }
    expect(await page.locator('main').innerText()).toContain('Only the admin key');
    // A state-changing form for the other tenant, with this session's own CSRF token: refused too.
    const status = await page.evaluate(async (url) => {
      const token = JSON.parse(document.body.getAttribute('hx-headers')!)['X-CSRF-Token'];
      const res = await fetch(url, { method: 'POST', body: new URLSearchParams({ _csrf: token, enable: 'false' }) });
      return res.status;
    }, `/console/tenants/${other}/sync-flag`);
    expect(status).toBe(403);
    expect((await svc.call('GET', `/${other}/config`)).body.enableInternalOrderSync).toBe(true);

    // Revoking the key ends its console sessions at once: the next page asks to sign in again.
    expect((await svc.call('DELETE', `/admin/tenants/${tenant}/api-keys/${created.body.id}`)).status).toBe(204);
    await page.goto(tenantUrl(tenant));
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    await page.getByLabel('API key').fill(created.body.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Unknown or revoked key');
    await page.context().close();
  });
});

describe('acting on a tenant', () => {
  let page: Page;
  beforeAll(async () => {
    page = await adminPage();
  });
  afterAll(async () => {
    await page.context().close();
  });

  it('toggles enableInternalOrderSync from the tenants list, effective at once through the API', async () => {
    await page.goto(`${web.origin}/console/tenants`);
    const toggle = page.locator(`[data-sync-switch="${tenant}"]`);
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    expect(await act(page, () => toggle.click())).toContain(`Internal order sync of tenant ${tenant} is now off`);
    expect((await svc.call('GET', `/${tenant}/config`)).body.enableInternalOrderSync).toBe(false);
    expect(await page.locator(`[data-sync-switch="${tenant}"]`).getAttribute('aria-checked')).toBe('false');
    expect(new URL(page.url()).pathname).toBe('/console/tenants');
    // Back on, with the keyboard.
    await page.locator(`[data-sync-switch="${tenant}"]`).focus();
    expect(await act(page, () => page.keyboard.press('Enter'))).toContain('is now on');
    expect((await svc.call('GET', `/${tenant}/config`)).body.enableInternalOrderSync).toBe(true);
  });

  it('shows the key figures and the origins by saturation, and saves a capacity', async () => {
    await page.goto(tenantUrl(tenant));
    const figures = await page.locator('[data-summary]').innerText();
    expect(figures).toMatch(/^orders\s+4$/im);
    expect(figures).toMatch(/^carts\s+2$/im);
    const origins = page.locator('[data-origins] tbody tr');
    // FRA:MAG:0125 has a capacity: ranked first, with its saturation (1+2+…+6 = 21 of 40).
    expect(await origins.first().getAttribute('data-origin')).toBe('FRA:MAG:0125');
    expect(await origins.first().innerText()).toContain('52.5 %');
    await expectAccessible(page, 'tenant overview');
    await screenshot(page, 'tenant');

    const row = page.locator('[data-origin="HAM:WH:0001"]');
    await row.locator('summary').click();
    await row.getByLabel('Max units').fill('12');
    expect(await act(page, () => row.getByRole('button', { name: 'Save' }).click())).toContain('Capacity of HAM:WH:0001 saved');
    expect((await svc.call('GET', `/${tenant}/stock-origins/HAM:WH:0001/capacity`)).body).toEqual({
      maxQty: 12,
      maxLines: null,
      maxOrders: null,
    });
    // A wrong value: the API's own refusal, nothing changed.
    await page.locator('[data-origin="HAM:WH:0001"] summary').click();
    await page.locator('[data-origin="HAM:WH:0001"]').getByLabel('Max lines').fill('0');
    await page.evaluate(() =>
      document.querySelectorAll('input[type=number]').forEach((i) => {
        i.removeAttribute('min');
      }),
    );
    expect(await act(page, () => page.locator('[data-origin="HAM:WH:0001"]').getByRole('button', { name: 'Save' }).click())).toMatch(
      /maxLines/,
    );
    expect(await page.locator('[data-flash]').getAttribute('class')).toContain('flash-error');
    expect((await svc.call('GET', `/${tenant}/stock-origins/HAM:WH:0001/capacity`)).body).toEqual({
      maxQty: 12,
      maxLines: null,
      maxOrders: null,
    });
  });

  it('shows the pairs out of stock, and every tracked pair with on hand beside reserved and available', async () => {
    const art = 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460';
    const plenty = newGuid();
    const put = await svc.call('PUT', `/${tenant}/stock`, {
      asOf: new Date().toISOString(),
      levels: [
        { code: 'FRA:MAG:0125', artGuid: art, onHand: 10 },
        { code: 'HAM:WH:0001', artGuid: plenty, onHand: 50 },
      ],
    });
    expect(put.status).toBe(200);
    const scarce = (await svc.call('GET', `/${tenant}/stock-origins/FRA:MAG:0125/stock/${art}`)).body;
    expect(scarce.available).toBeLessThan(0);

    await page.goto(tenantUrl(tenant));
    await Promise.all([
      page.waitForURL(`**/console/tenants/${tenant}/stock`),
      page.getByRole('link', { name: 'Stock', exact: true }).click(),
    ]);
    const out = page.locator('[data-out-of-stock] tbody tr');
    expect(await out.count()).toBe(1);
    expect(await out.first().getAttribute('data-pair')).toBe(`FRA:MAG:0125 ${art}`);
    const cells = await out.first().locator('td').allInnerTexts();
    expect(cells.slice(0, 4).map((text) => text.trim().replace(/[\u2212\u2012-\u2015]/g, '-'))).toEqual([
      art,
      '10',
      String(scarce.reservedQty),
      String(scarce.available),
    ]);
    const tracked = page.locator('[data-tracked] tbody tr');
    expect(await tracked.count()).toBe(2);
    expect(await page.locator(`[data-tracked] [data-pair="HAM:WH:0001 ${plenty}"] td`).allInnerTexts()).toEqual(
      expect.arrayContaining(['50', '0']),
    );
    await expectAccessible(page, 'tenant stock');
    await screenshot(page, 'stock');

    // Once the count says there is enough, the pair leaves the list.
    expect(
      (
        await svc.call('PUT', `/${tenant}/stock`, {
          asOf: new Date(Date.now() + 1000).toISOString(),
          levels: [{ code: 'FRA:MAG:0125', artGuid: art, onHand: 1000 }],
        })
      ).status,
    ).toBe(200);
    await page.reload();
    expect(await page.locator('[data-out-of-stock] tbody tr').count()).toBe(0);
    expect(await page.locator('#out-of-stock').innerText()).toContain('No tracked pair is out of stock.');
  });

  it('searches an order by id and opens it; filters by origin, article and type', async () => {
    await page.goto(tenantUrl(tenant, '/orders'));
    expect(await page.locator('[data-orders] tbody tr').count()).toBe(6);
    await expectAccessible(page, 'orders');
    await screenshot(page, 'orders');

    await page.getByLabel('Order id').fill(orderIds[3]!);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(new RegExp(`/orders/${orderIds[3]}$`));
    const lines = page.locator('[data-lines] tbody tr');
    await expect.poll(() => lines.count()).toBe(2);
    expect(await lines.first().innerText()).toContain('FRA:MAG:0125');
    expect(await page.locator('[data-order-detail]').innerText()).toContain(orderIds[3]!);
    await expectAccessible(page, 'order');
    await screenshot(page, 'order');

    await page.goto(tenantUrl(tenant, '/orders'));
    await page.getByLabel('Stock origin').fill('BER:STO:0007');
    await page.getByLabel('Type').selectOption('Order');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/code=BER/);
    const shown = await page.locator('[data-orders] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-order')));
    expect(shown.sort()).toEqual([orderIds[1], orderIds[3]].sort()); // i = 1, 3 (i = 5 is a cart)

    await page.goto(tenantUrl(tenant, `/orders?orderId=${newGuid()}`));
    expect(await page.locator('[data-flash]').innerText()).toContain('has no order');
  });

  it('paginates the orders 25 at a time', async () => {
    const many = newTenantId();
    for (let i = 0; i < 30; i++) await svc.call('POST', `/${many}/order`, makeOrder(many));
    await page.goto(tenantUrl(many, '/orders'));
    expect(await page.locator('[data-orders] tbody tr').count()).toBe(25);
    await page.getByRole('link', { name: 'Next page →' }).click();
    await page.waitForURL(/cursor=/);
    expect(await page.locator('[data-orders] tbody tr').count()).toBe(5);
  });

  it('shows a new order in live activity as soon as it is written through the API', async () => {
    await page.goto(tenantUrl(tenant, '/activity'));
    await expect.poll(() => page.locator('[data-live-status]').getAttribute('data-state')).toBe('live');
    const order = makeOrder(tenant);
    expect((await svc.call('POST', `/${tenant}/order`, order)).status).toBeLessThan(300);
    const item = page.locator('[data-event-type="order.created"]', { hasText: order.orderId });
    await item.waitFor();
    await expectAccessible(page, 'live activity');
    await screenshot(page, 'activity');
    orderIds.push(order.orderId);
  });

  it('runs "Sync now" and shows the new run in the history; "Full sync" too', async () => {
    await page.goto(tenantUrl(tenant, '/sync'));
    const runs = page.locator('[data-sync-runs] tbody tr');
    const before = await runs.count();
    expect(await act(page, () => page.locator('[data-action="sync-now"]').click())).toMatch(/^Sync synced: \d+ order\(s\) written/);
    await expect.poll(() => runs.count()).toBe(before + 1);
    const { body } = await svc.call('GET', '/admin/sync');
    expect(await runs.first().getAttribute('data-run')).toBe(body.runs[0].runId);
    expect(body.runs[0].tenants.find((t: { tenantId: number }) => t.tenantId === tenant)).toMatchObject({ status: 'synced' });
    expect((await svc.call('GET', `/${tenant}/sync`)).body.pendingChanges).toBe(0);

    expect(await act(page, () => page.locator('[data-action="full-sync"]').click())).toMatch(/^Full sync synced/);
    await expect.poll(() => runs.count()).toBe(before + 2);
    expect(await runs.first().innerText()).toContain('full');
    // The health strip tells the last run.
    expect(await page.locator('[data-health]').innerText()).toMatch(/Last sync\s[\s\S]*\bok\b/);
    await expectAccessible(page, 'sync');
    await screenshot(page, 'sync');
  });

  it('restores from MongoDB after a confirmation', async () => {
    await page.goto(tenantUrl(tenant, '/sync'));
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    expect(await act(page, () => page.locator('[data-action="restore"]').click())).toMatch(/^Restore restored: \d+ of \d+ archived order/);
    expect(asked).toContain(`Restore tenant ${tenant} from MongoDB?`);
    // Dismissed: nothing posted.
    await page.evaluate(() =>
      document.querySelectorAll('[data-flash]').forEach((node) => {
        node.remove();
      }),
    );
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.locator('[data-action="restore"]').click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await page.locator('[data-flash]').count()).toBe(0);
  });

  it('runs the self-check as a dry run, then repairs a drift it shows', async () => {
    await page.goto(tenantUrl(tenant, '/self-check'));
    expect(await act(page, () => page.locator('[data-action="dry-run"]').click())).toBe('Dry run: every figure matches the orders.');
    expect(await page.locator('[data-reconcile-report]').getAttribute('data-status')).toBe('consistent');
    // A figure drifts behind the service's back (as a bug or a partial restore would leave it).
    const gen = (await svc.redis.get(`r:{t:${tenant}}:gen`)) ?? '0';
    await svc.redis.hset(`r:{t:${tenant}}:${gen}:oq`, 'FRA:MAG:0125', '999');
    expect(await act(page, () => page.locator('[data-action="dry-run"]').click())).toMatch(/^Dry run: \d+ figure\(s\) drifted/);
    expect(await page.locator('[data-drift]').innerText()).toContain('999');
    await expectAccessible(page, 'self-check');
    await screenshot(page, 'self-check');
    page.once('dialog', (dialog) => void dialog.accept());
    expect(await act(page, () => page.locator('[data-action="repair"]').click())).toMatch(/^Repaired \d+ figure/);
    expect((await svc.call('GET', `/${tenant}/stock-origins/FRA:MAG:0125`)).body.reservedQty).toBe(21 + 1);
  });

  it('shows a failed webhook delivery highlighted and retries it; pauses and resumes the endpoint', async () => {
    const created = await svc.call('POST', `/${tenant}/webhooks`, {
      url: receiver.url,
      events: ['order.created'],
      description: 'ERP bridge',
    });
    expect(created.status).toBe(201);
    const endpointId = created.body.id as string;
    failing = true;
    const order = makeOrder(tenant);
    await svc.call('POST', `/${tenant}/order`, order);
    const failed = await eventually(async () => {
      const { body } = await svc.call('GET', `/${tenant}/webhooks/${endpointId}/deliveries?status=failed`);
      expect(body.deliveries).toHaveLength(1);
      return body.deliveries[0];
    }, 20_000);

    await page.goto(tenantUrl(tenant, '/webhooks'));
    const row = page.locator(`[data-delivery="${failed.id}"]`);
    expect(await row.getAttribute('class')).toContain('row-bad');
    expect(await row.innerText()).toContain('HTTP 500');
    await expectAccessible(page, 'webhooks');
    await screenshot(page, 'webhooks');

    failing = false;
    expect(await act(page, () => row.getByRole('button', { name: /^Retry/ }).click())).toContain(`Delivery ${failed.id} queued again`);
    await eventually(async () => {
      const { body } = await svc.call('GET', `/${tenant}/webhooks/${endpointId}/deliveries/${failed.id}`);
      expect(body.status).toBe('delivered');
    }, 20_000);
    await page.reload();
    expect(await page.locator(`[data-delivery="${failed.id}"]`).getAttribute('data-status')).toBe('delivered');

    expect(await act(page, () => page.locator('[data-action="pause"]').click())).toContain('paused');
    expect((await svc.call('GET', `/${tenant}/webhooks/${endpointId}`)).body.status).toBe('paused');
    expect(await act(page, () => page.locator('[data-action="resume"]').click())).toContain('resumed');
    expect((await svc.call('GET', `/${tenant}/webhooks/${endpointId}`)).body.status).toBe('active');
  });

  it("shows an endpoint's delivery figures, sends a test event and retries every failed delivery", async () => {
    const created = await svc.call('POST', `/${tenant}/webhooks`, {
      url: receiver.url,
      events: ['order.created'],
      description: 'Stock mirror',
    });
    const endpointId = created.body.id as string;
    failing = true;
    for (let i = 0; i < 2; i++) await svc.call('POST', `/${tenant}/order`, makeOrder(tenant));
    await eventually(async () => {
      const { body } = await svc.call('GET', `/${tenant}/webhooks/${endpointId}/deliveries?status=failed`);
      expect(body.deliveries).toHaveLength(2);
    }, 20_000);

    await page.goto(tenantUrl(tenant, '/webhooks'));
    const card = page.locator(`#ep-${endpointId}`);
    const lastHour = card.locator('[data-window="Last hour"]');
    expect(await lastHour.locator('[data-figure="failed"]').innerText()).toBe('2');
    expect(await lastHour.locator('[data-figure="success-rate"]').innerText()).toMatch(/^0\s?%$/);
    expect(await card.locator('[data-last-failure]').innerText()).toContain('HTTP 500');
    await expectAccessible(page, 'webhooks (figures)');

    // The receiver still fails: the test event says so, and is not a delivery.
    expect(await act(page, () => card.locator('[data-action="test"]').click())).toMatch(
      /^Test event not delivered: HTTP 500 \(after \d+ ms\)\.$/,
    );
    const testEvent = receiver.requests.filter((r) => JSON.parse(r.body).type === 'webhook.test').at(-1)!;
    expect(JSON.parse(testEvent.body).data.endpointId).toBe(endpointId);

    failing = false;
    expect(await act(page, () => page.locator(`#ep-${endpointId} [data-action="test"]`).click())).toMatch(
      /^Test event delivered: HTTP 200 in \d+ ms\.$/,
    );
    expect(await act(page, () => page.locator(`#ep-${endpointId} [data-action="retry-all"]`).click())).toBe(
      '2 failed deliveries queued again: they are sent now.',
    );
    await eventually(async () => {
      const { body } = await svc.call('GET', `/${tenant}/webhooks/${endpointId}/deliveries?status=delivered`);
      expect(body.deliveries).toHaveLength(2);
    }, 20_000);
    await page.reload();
    const after = page.locator(`#ep-${endpointId} [data-window="Last hour"]`);
    expect(await after.locator('[data-figure="delivered"]').innerText()).toBe('2');
    expect(await after.locator('[data-figure="success-rate"]').innerText()).toMatch(/^50\s?%$/);
    // Another tenant's endpoint, reached through this tenant's page: not found, nothing sent.
    const foreign = await svc.call('POST', `/${other}/webhooks`, { url: receiver.url, events: ['order.created'] });
    const sent = receiver.requests.length;
    const answer = await page.request.post(tenantUrl(tenant, `/webhooks/${foreign.body.id}/test`), {
      form: { _csrf: (await page.locator('input[name="_csrf"]').first().inputValue()) ?? '' },
      maxRedirects: 0,
    });
    expect(answer.status()).toBe(303);
    await page.goto(tenantUrl(tenant, '/webhooks'));
    expect(await page.locator('[data-flash]').innerText()).toContain(`webhook endpoint ${foreign.body.id} not found`);
    expect(receiver.requests.length).toBe(sent);
  });

  it('shows the deliveries a paused endpoint dropped past the pausedDeliveries quota, and none where nothing was dropped', async () => {
    const t = newTenantId();
    const paused = (await svc.call('POST', `/${t}/webhooks`, { url: receiver.url, events: ['order.created'] })).body.id as string;
    const live = (await svc.call('POST', `/${t}/webhooks`, { url: receiver.url, events: ['order.created'] })).body.id as string;
    expect((await svc.call('PUT', `/admin/tenants/${t}/quotas`, { pausedDeliveries: 1 })).status).toBe(200);
    expect((await svc.call('PATCH', `/${t}/webhooks/${paused}`, { status: 'paused' })).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await svc.call('POST', `/${t}/order`, makeOrder(t))).body).toBe(true);
    await eventually(async () => expect((await svc.call('GET', `/${t}/webhooks/${paused}/stats`)).body.dropped).toBe(2), 20_000);

    await page.goto(tenantUrl(t, '/webhooks'));
    const dropped = page.locator(`#ep-${paused} [data-dropped]`);
    expect(await dropped.innerText()).toMatch(/^2 past the pausedDeliveries quota, last /);
    expect(await page.locator(`#ep-${paused} [data-endpoint-health]`).innerText()).toMatch(/Pending\s+1/);
    expect(await page.locator(`#ep-${live} [data-dropped]`).count()).toBe(0);
    await expectAccessible(page, 'webhooks (dropped deliveries)');
    await dropped.scrollIntoViewIfNeeded();
    await screenshot(page, 'webhook-dropped');
  });

  it('creates an API key (shown once, with a copy button) that works on the API, then revokes it', async () => {
    await page.goto(tenantUrl(tenant, '/keys'));
    expect(await act(page, () => page.locator('[data-action="create-key"]').click())).toMatch(/^Key \S+ created/);
    const key = await page.locator('#new-key').inputValue();
    expect(key).toMatch(/^rsv_/);
    expect((await svc.call('GET', `/${tenant}/summary`, undefined, { key })).status).toBe(200);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.origin });
    await page.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Copied' }).count()).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await expectAccessible(page, 'api keys');
    await screenshot(page, 'keys');

    // Shown once: the page of keys lists its id, never the key again.
    await page.goto(tenantUrl(tenant, '/keys'));
    expect(await page.content()).not.toContain(key);
    const id = (await svc.call('GET', `/admin/tenants/${tenant}/api-keys`)).body.keys.map((k: { id: string }) => k.id);
    const row = page
      .locator(`[data-key]`)
      .filter({ has: page.locator('th') })
      .last();
    const keyId = await row.getAttribute('data-key');
    expect(id).toContain(keyId);
    const holder = await svc.services.apiKeys.verify(key);
    page.once('dialog', (dialog) => void dialog.accept());
    expect(await act(page, () => page.locator(`[data-key="${holder!.keyId}"] [data-action="revoke"]`).click())).toContain(
      `Key ${holder!.keyId} revoked`,
    );
    await eventually(async () => expect((await svc.call('GET', `/${tenant}/summary`, undefined, { key })).status).toBe(401));
    expect(await page.locator(`[data-key="${holder!.keyId}"]`).count()).toBe(0);
  });
});

describe('webhook endpoints, added and deleted from the console', () => {
  // A tenant of their own, managed with a tenant key: as on the API, a tenant's key manages its webhooks.
  const hooks = newTenantId();
  const hookUrl = () => `${receiver.url}/console`;
  let page: Page;
  let endpointId: string;
  beforeAll(async () => {
    const created = await svc.call('POST', `/admin/tenants/${hooks}/api-keys`);
    page = await (await web.newContext()).newPage();
    await signIn(page, web.origin, created.body.key);
  });
  afterAll(async () => {
    await page.context().close();
  });

  it(
    'adds an endpoint (tenant key): listed, the same through the API, and its secret, shown once, signs the deliveries the receiver ' +
      'gets',
    async () => {
      await page.goto(tenantUrl(hooks, '/webhooks'));
      // The empty state points to the form.
      expect(await page.locator('main .empty').innerText()).toContain('No webhook endpoint yet');
      await page.locator('main .empty').getByRole('link', { name: 'Add an endpoint' }).click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#add-endpoint');
      await expectAccessible(page, 'webhooks (none yet)');

      const form = page.locator('[data-add-endpoint]');
      await form.getByLabel('URL').fill(hookUrl());
      expect(await form.getByLabel('All event types').isChecked()).toBe(true);
      await form.getByLabel('order.created').check();
      // One type ticked: "all" is unticked (and the other way round).
      expect(await form.getByLabel('All event types').isChecked()).toBe(false);
      await form.getByLabel('Description').fill('Storefront (added in the console)');
      expect(await act(page, () => form.getByRole('button', { name: 'Add endpoint' }).click())).toBe(
        `Endpoint ${hookUrl()} added: it receives order.created.`,
      );
      const secret = await page.locator('#new-secret').inputValue();
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

      const { body } = await svc.call('GET', `/${hooks}/webhooks`);
      expect(body.webhooks).toHaveLength(1);
      expect(body.webhooks[0]).toMatchObject({
        url: hookUrl(),
        events: ['order.created'],
        description: 'Storefront (added in the console)',
        status: 'active',
      });
      endpointId = body.webhooks[0].id;
      expect(await page.locator(`[data-new-secret="${endpointId}"]`).count()).toBe(1);
      expect(await page.locator(`#ep-${endpointId}`).innerText()).toContain(hookUrl());

      await expectAccessible(page, 'webhooks (new endpoint and its secret)');
      await screenshot(page, 'webhook-added');
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.origin });
      await page.locator('[data-new-secret]').getByRole('button', { name: 'Copy' }).click();
      await expect.poll(() => page.locator('[data-new-secret]').getByRole('button', { name: 'Copied' }).count()).toBe(1);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

      // An order through the API: its event reaches the receiver, signed with the secret the page showed.
      const order = makeOrder(hooks);
      expect((await svc.call('POST', `/${hooks}/order`, order)).status).toBeLessThan(300);
      const delivered = await eventually(() => {
        const found = receiver.requests.find((r) => r.path === '/hooks/console' && r.body.includes(order.orderId));
        expect(found).toBeDefined();
        return found!;
      }, 20_000);
      expect(JSON.parse(delivered.body)).toMatchObject({ type: 'order.created', tenantId: hooks });
      expect(verifyWebhook(secret, delivered.headers, delivered.body)).toBe(true);
      expect(verifyWebhook(`whsec_${Buffer.alloc(32).toString('base64')}`, delivered.headers, delivered.body)).toBe(false);

      // Shown once: the page read again lists the endpoint, never its secret.
      await page.goto(tenantUrl(hooks, '/webhooks'));
      expect(await page.content()).not.toContain(secret.slice(6));
      await expect.poll(() => page.locator(`[data-delivery]`).count()).toBe(1);
    },
  );

  it('refuses a bad URL, or no event type, with the API’s own message, keeps what was typed, and adds nothing', async () => {
    await page.goto(tenantUrl(hooks, '/webhooks'));
    const form = page.locator('[data-add-endpoint]');
    const bad = 'ftp://files.example.com/drop';
    const api = await svc.call('POST', `/${hooks}/webhooks`, { url: bad, events: ['order.created'] });
    expect(api.status).toBe(400);
    await form.getByLabel('URL').fill(bad);
    await form.getByLabel('Description').fill('kept on refusal');
    const refused = await act(page, () => form.getByRole('button', { name: 'Add endpoint' }).click());
    expect(refused).toBe(`Endpoint not added: ${api.body.error.message}`);
    expect(await page.locator('[data-flash]').getAttribute('class')).toContain('flash-error');
    expect(await form.getByLabel('URL').inputValue()).toBe(bad);
    expect(await form.getByLabel('Description').inputValue()).toBe('kept on refusal');
    expect(await page.locator('#new-secret').count()).toBe(0);
    await expectAccessible(page, 'webhooks (refused)');

    // No event type ticked: the schema's message, as the API gives it.
    const none = await svc.call('POST', `/${hooks}/webhooks`, { url: hookUrl(), events: [] });
    expect(none.status).toBe(400);
    await form.getByLabel('URL').fill(hookUrl());
    await form.getByLabel('All event types').uncheck();
    expect(await act(page, () => form.getByRole('button', { name: 'Add endpoint' }).click())).toBe(
      `Endpoint not added: ${none.body.error.message}`,
    );

    // A POST without the session's CSRF token is refused like every other.
    const forged = await page
      .context()
      .request.post(tenantUrl(hooks, '/webhooks'), { form: { url: hookUrl(), events: 'all' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect((await svc.call('GET', `/${hooks}/webhooks`)).body.webhooks.map((w: { id: string }) => w.id)).toEqual([endpointId]);
  });

  it('refuses a private address where the service refuses them, with the API’s message', async () => {
    // The service of this file lets endpoints be private (its receiver is on 127.0.0.1); this one does not.
    const strict = await startTestService();
    const strictWeb = await openConsoleBrowser(strict);
    try {
      const strictPage = await (await strictWeb.newContext()).newPage();
      await signIn(strictPage, strictWeb.origin, ADMIN_KEY);
      await strictPage.goto(`${strictWeb.origin}/console/tenants/${hooks}/webhooks`);
      const api = await strict.call('POST', `/${hooks}/webhooks`, { url: 'http://10.1.2.3/hook', events: ['order.created'] });
      expect(api.status).toBe(400);
      expect(api.body.error.message).toMatch(/private address/);
      const form = strictPage.locator('[data-add-endpoint]');
      await form.getByLabel('URL').fill('http://10.1.2.3/hook');
      expect(await act(strictPage, () => form.getByRole('button', { name: 'Add endpoint' }).click())).toBe(
        `Endpoint not added: ${api.body.error.message}`,
      );
      expect((await strict.call('GET', `/${hooks}/webhooks`)).body.webhooks).toEqual([]);
      expect(strictWeb.outside).toEqual([]);
    } finally {
      await strictWeb.close();
      await strict.close();
    }
  });

  it('deletes an endpoint after a confirmation; dismissed, the endpoint stays', async () => {
    await page.goto(tenantUrl(hooks, '/webhooks'));
    const remove = page.locator(`#ep-${endpointId} [data-action="delete"]`);
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await remove.click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(asked).toContain(`Delete the webhook endpoint ${hookUrl()}?`);
    expect(await page.locator('[data-flash]').count()).toBe(0);
    expect((await svc.call('GET', `/${hooks}/webhooks/${endpointId}`)).status).toBe(200);

    page.once('dialog', (dialog) => void dialog.accept());
    expect(await act(page, () => remove.click())).toBe(`Endpoint ${hookUrl()} deleted, with its deliveries.`);
    expect((await svc.call('GET', `/${hooks}/webhooks/${endpointId}`)).status).toBe(404);
    expect((await svc.call('GET', `/${hooks}/webhooks`)).body.webhooks).toEqual([]);
    expect(await page.locator('main .empty').first().innerText()).toContain('No webhook endpoint yet');
  });
});

describe('cross-site request forgery', () => {
  it('refuses a POST without the session’s CSRF token, or from another origin, and changes nothing', async () => {
    const page = await adminPage();
    await page.goto(`${web.origin}/console/tenants`);
    const token = JSON.parse((await page.locator('body').getAttribute('hx-headers'))!)['X-CSRF-Token'] as string;
    const post = (init: { token?: string; origin?: string; site?: string }) =>
      page.context().request.post(`${web.origin}/console/tenants/${tenant}/sync-flag`, {
        form: { enable: 'false', ...(init.token ? { _csrf: init.token } : {}) },
        headers: { ...(init.origin ? { Origin: init.origin } : {}), ...(init.site ? { 'Sec-Fetch-Site': init.site } : {}) },
        maxRedirects: 0,
      });
    expect((await post({})).status()).toBe(403);
    expect((await post({ token: 'x'.repeat(43) })).status()).toBe(403);
    expect((await post({ token, origin: 'https://evil.example' })).status()).toBe(403);
    expect((await post({ token, site: 'cross-site' })).status()).toBe(403);
    // From the page itself, without the token.
    expect(
      await page.evaluate(
        async (url) => (await fetch(url, { method: 'POST', body: new URLSearchParams({ enable: 'false' }) })).status,
        `/console/tenants/${tenant}/sync-flag`,
      ),
    ).toBe(403);
    expect((await svc.call('GET', `/${tenant}/config`)).body.enableInternalOrderSync).toBe(true);
    // The same request with the token, from this origin, is the one that works.
    expect((await post({ token, origin: web.origin })).status()).toBe(303);
    expect((await svc.call('GET', `/${tenant}/config`)).body.enableInternalOrderSync).toBe(false);
    await svc.call('PUT', `/${tenant}/config`, { enableInternalOrderSync: true });

    // A page of another site (localhost is not 127.0.0.1) that submits a form to the console.
    const evil = await (await import('node:http')).createServer((_req, res) => {
      res.setHeader('Content-Type', 'text/html');
      res.end(
        `<form id="f" method="post" ` +
          `action="${web.origin}/console/tenants/${tenant}/sync-flag"><input name="enable" ` +
          `value="false"><input name="_csrf" ` +
          `value="${token}"></form><script>document.getElementById('f').submit()</script>`,
      );
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', () => resolve()));
    const evilOrigin = `http://localhost:${(evil.address() as import('node:net').AddressInfo).port}`;
    web.allow(evilOrigin);
    try {
      const forged = page.waitForResponse((res) => res.url().endsWith('/sync-flag'));
      await page.goto(`${evilOrigin}/`);
      expect((await forged).status()).toBe(403);
      expect((await svc.call('GET', `/${tenant}/config`)).body.enableInternalOrderSync).toBe(true);
    } finally {
      evil.close();
      await page.context().close();
    }
  });

  it('loaded every page with nothing from outside the service (no CDN, no web font)', () => {
    expect(web.outside).toEqual([]);
  });

  it('keeps the API’s bearer auth as it was, and /console out of the OpenAPI document', async () => {
    expect((await svc.call('GET', `/${tenant}/summary`, undefined, { key: null })).status).toBe(401);
    const doc = await svc.call('GET', '/openapi.json', undefined, { key: null });
    expect(Object.keys(doc.body.paths).filter((p) => p.startsWith('/console'))).toEqual([]);
    const asset = await svc.app.request('/console/assets/htmx.min.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('Content-Type')).toContain('javascript');
  });
});
