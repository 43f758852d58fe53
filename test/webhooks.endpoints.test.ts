/**
 * Webhook endpoints as the tenant manages them: create (the secret shown once), list, get,
 * change, pause, delete; refusals of malformed bodies, of other tenants' keys, and of URLs that
 * are or resolve to loopback, private or link-local addresses (private networks not allowed here).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpWebhookTransport } from '../src/repositories/webhook-transport.js';
import { newTenantId, startTestService, type TestService } from './support/harness.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

const PUBLIC_URL = 'https://8.8.8.8/hooks/reservoir';

describe('webhook endpoints', () => {
  it('are created with a secret shown once, listed, changed, paused and deleted', async () => {
    const t = newTenantId();
    const created = await svc.call('POST', `/${t}/webhooks`, {
      url: PUBLIC_URL,
      events: ['order.created', 'order.deleted', 'order.created'],
      description: 'storefront',
    });
    expect(created.status).toBe(201);
    const { id, secret, ...rest } = created.body;
    expect(id).toMatch(/^ep_[A-Za-z0-9_-]{22}$/);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(rest).toMatchObject({
      tenantId: t,
      url: PUBLIC_URL,
      events: ['order.created', 'order.deleted'],
      description: 'storefront',
      status: 'active',
      failingSince: null,
      disabledAt: null,
      disabledReason: null,
    });

    const listed = await svc.call('GET', `/${t}/webhooks`);
    expect(listed.status).toBe(200);
    expect(listed.body.webhooks).toEqual([rest && { id, ...rest }]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const one = await svc.call('GET', `/${t}/webhooks/${id}`);
    expect(one.body).toEqual({ id, ...rest });

    const patched = await svc.call('PATCH', `/${t}/webhooks/${id}`, {
      events: ['stock_origin.saturation'],
      description: null,
      status: 'paused',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ events: ['stock_origin.saturation'], description: null, status: 'paused', url: PUBLIC_URL });
    expect(Date.parse(patched.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(rest.updatedAt));
    expect((await svc.call('GET', `/${t}/webhooks/${id}`)).body.status).toBe('paused');
    // Redis's copy (what the dispatcher reads) follows.
    const copy = JSON.parse((await svc.services.webhooks.store.readDefinitions(t)).get(id)!);
    expect(copy).toMatchObject({ status: 'paused', events: ['stock_origin.saturation'], secret });

    expect((await svc.call('DELETE', `/${t}/webhooks/${id}`)).status).toBe(204);
    expect((await svc.call('GET', `/${t}/webhooks/${id}`)).status).toBe(404);
    expect((await svc.call('DELETE', `/${t}/webhooks/${id}`)).status).toBe(404);
    expect((await svc.call('GET', `/${t}/webhooks`)).body.webhooks).toEqual([]);
    expect(await svc.services.webhooks.store.readDefinitions(t)).toEqual(new Map());
  });

  it('refuse malformed bodies and ids with 400 naming the field', async () => {
    const t = newTenantId();
    const cases: [string, unknown][] = [
      ['events', { url: PUBLIC_URL }],
      ['url', { events: ['order.created'] }],
      ['events[0]', { url: PUBLIC_URL, events: ['order.shipped'] }],
      ['events', { url: PUBLIC_URL, events: [] }],
      ['url', { url: 'not a url', events: ['order.created'] }],
      ['url', { url: 'ftp://8.8.8.8/x', events: ['order.created'] }],
      ['url', { url: 'https://8.8.8.8/x#frag', events: ['order.created'] }],
    ];
    for (const [field, body] of cases) {
      const res = await svc.call('POST', `/${t}/webhooks`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.map((d: any) => d.path)).toContain(field);
    }
    const { id } = (await svc.call('POST', `/${t}/webhooks`, { url: PUBLIC_URL, events: ['order.created'] })).body;
    expect((await svc.call('PATCH', `/${t}/webhooks/${id}`, {})).status).toBe(400);
    expect((await svc.call('PATCH', `/${t}/webhooks/${id}`, { status: 'disabled' })).status).toBe(400);
    expect((await svc.call('GET', `/${t}/webhooks/not-an-id`)).status).toBe(400);
    expect((await svc.call('GET', `/${t}/webhooks/${id}/deliveries?status=lost`)).status).toBe(400);
    expect((await svc.call('POST', `/${t}/webhooks/${id}/deliveries/x/retry`)).status).toBe(400);
    expect((await svc.call('GET', `/${t}/webhooks/ep_AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
  });

  it("are the tenant's own: another tenant's path answers 404, another tenant's key 403", async () => {
    const [t, other] = [newTenantId(), newTenantId()];
    const { id } = (await svc.call('POST', `/${t}/webhooks`, { url: PUBLIC_URL, events: ['order.created'] })).body;
    expect((await svc.call('GET', `/${other}/webhooks/${id}`)).status).toBe(404);
    expect((await svc.call('DELETE', `/${other}/webhooks/${id}`)).status).toBe(404);
    expect((await svc.call('PATCH', `/${other}/webhooks/${id}`, { status: 'paused' })).status).toBe(404);
    expect((await svc.call('GET', `/${other}/webhooks/${id}/deliveries`)).status).toBe(404);
    const own = (await svc.call('POST', `/admin/tenants/${t}/api-keys`)).body.key as string;
    const foreign = (await svc.call('POST', `/admin/tenants/${other}/api-keys`)).body.key as string;
    expect((await svc.call('GET', `/${t}/webhooks`, undefined, { key: own })).body.webhooks).toHaveLength(1);
    expect((await svc.call('GET', `/${t}/webhooks`, undefined, { key: foreign })).status).toBe(403);
    expect((await svc.call('POST', `/${t}/webhooks`, { url: PUBLIC_URL, events: ['order.created'] }, { key: foreign })).status).toBe(403);
    expect((await svc.call('GET', `/${t}/webhooks/${id}`, undefined, { key: null })).status).toBe(401);
  });

  it('are at most 50 per tenant', async () => {
    const t = newTenantId();
    for (let i = 0; i < 50; i++)
      expect((await svc.call('POST', `/${t}/webhooks`, { url: `${PUBLIC_URL}/${i}`, events: ['order.created'] })).status).toBe(201);
    const over = await svc.call('POST', `/${t}/webhooks`, { url: PUBLIC_URL, events: ['order.created'] });
    // The default quota (QUOTA_WEBHOOK_ENDPOINTS); tenants.hostile.test.ts sets others.
    expect(over.status).toBe(403);
    expect(over.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { quota: 'webhookEndpoints', limit: 50 } });
    expect(over.body.error.message).toMatch(/50 webhook endpoints already/);
  });
});

describe('private networks', () => {
  const refused = [
    ['http://127.0.0.1:8080/hook', /127\.0\.0\.1 is a loopback address/],
    [
      'http://localhost:8080/hook',
      /^url: localhost resolves to a refused address: webhooks are not sent to loopback, private or link-local addresses$/,
    ],
    ['http://10.1.2.3/hook', /a private address/],
    ['http://192.168.0.10/hook', /a private address/],
    ['http://172.20.0.1/hook', /a private address/],
    ['http://169.254.169.254/latest/meta-data', /a link-local address/],
    ['http://[::1]/hook', /a loopback address/],
    ['http://[fd00::1]/hook', /private \(unique local\)/],
    ['http://[fe80::1]/hook', /a link-local address/],
    ['http://[::ffff:127.0.0.1]/hook', /a loopback address/],
    ['http://0.0.0.0/hook', /an unspecified address/],
  ] as const;

  it('refuses endpoint URLs that are or resolve to loopback, private or link-local addresses', async () => {
    const t = newTenantId();
    for (const [url, why] of refused) {
      const res = await svc.call('POST', `/${t}/webhooks`, { url, events: ['order.created'] });
      expect(res.status, url).toBe(400);
      expect(res.body.error.details[0].path).toBe('url');
      expect(res.body.error.message, url).toMatch(why);
    }
    const { id } = (await svc.call('POST', `/${t}/webhooks`, { url: PUBLIC_URL, events: ['order.created'] })).body;
    const patched = await svc.call('PATCH', `/${t}/webhooks/${id}`, { url: 'http://10.0.0.1/x' });
    expect(patched.status).toBe(400);
    // Credentials in a URL are refused, on creation and on change, and never shown back.
    for (const url of [`https://user:secret@8.8.8.8/hook`, `https://token@8.8.8.8/hook`]) {
      const created = await svc.call('POST', `/${t}/webhooks`, { url, events: ['order.created'] });
      expect(created.status).toBe(400);
      expect(created.body.error.message).toMatch(/must not carry credentials/);
      expect(JSON.stringify(created.body)).not.toContain('secret@');
      expect((await svc.call('PATCH', `/${t}/webhooks/${id}`, { url })).status).toBe(400);
    }
    expect((await svc.call('GET', `/${t}/webhooks/${id}`)).body.url).toBe(PUBLIC_URL);
  });

  it('refuses, when connecting, a host that resolves to a private address (no request is made)', async () => {
    let requests = 0;
    const server = http.createServer((_req, res) => {
      requests++;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const guarded = new HttpWebhookTransport({ allowPrivateNetworks: false, maxSockets: 4 });
    const open = new HttpWebhookTransport({ allowPrivateNetworks: true, maxSockets: 4 });
    try {
      const byName = await guarded.send(`http://localhost:${port}/x`, {}, '{}', 1000);
      expect(byName).toMatchObject({ statusCode: null });
      // The address a name resolves to is not said.
      expect(byName.error).toBe('localhost resolves to a refused address (loopback, private or link-local)');
      const byAddress = await guarded.send(`http://127.0.0.1:${port}/x`, {}, '{}', 1000);
      expect(byAddress.error).toMatch(/127\.0\.0\.1 is a loopback address: refused/);
      expect(requests).toBe(0);
      // Allowed (WEBHOOK_ALLOW_PRIVATE_NETWORKS=true), the same request goes through.
      expect(await open.send(`http://localhost:${port}/x`, {}, '{}', 1000)).toMatchObject({ statusCode: 200, error: null, response: 'ok' });
      expect(requests).toBe(1);
    } finally {
      guarded.close();
      open.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
