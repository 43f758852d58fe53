/**
 * Property: whatever request arrives (any method, any path segments, any body, any content type,
 * any or no key), the service answers below 500 with the one JSON error body when it refuses,
 * and no other tenant's orders, reservations or configuration change.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../src/domain/order.js';
import { ADMIN_KEY, makeOrder, newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';

let svc: TestService;
const attacker = newTenantId();
const victim = newTenantId();
let attackerKey: string;
const victimOrders: Order[] = [];

const HOSTILE = [
  '*',
  'FRA:*',
  '{0}',
  `{t:${victim}}`,
  `r:{t:${victim}}:0:o`,
  '?',
  '[',
  '\\',
  '%',
  '%25',
  '%2F',
  '..',
  '.',
  '',
  ' ',
  '\u0000',
  '\n',
  '__proto__',
  'constructor',
  '$where',
  '{"$gt":""}',
  'NaN',
  '-1',
  '1e309',
  '😀',
  'x'.repeat(300),
];

/** The victim's order ids: written by the attacker into its own tenant, they must stay apart. */
function victimIds(): string[] {
  return ['3fa85f64-5717-4562-b3fc-2c963f66afa6', ...FIXED_VICTIM_IDS];
}
const FIXED_VICTIM_IDS = [newGuid(), newGuid(), newGuid()];

async function snapshotVictim() {
  const read = async (path: string) => {
    const res = await svc.call('GET', path);
    return [res.status, res.body];
  };
  const origins = (await svc.call('GET', `/${victim}/stock-origins`)).body;
  return {
    orders: await Promise.all(victimOrders.map((o) => read(`/${victim}/order/${o.orderId}`))),
    origins,
    eachOrigin: await Promise.all(
      origins.origins.map((o: { code: string }) => read(`/${victim}/stock-origins/${encodeURIComponent(o.code)}`)),
    ),
    articles: await Promise.all(victimOrders.flatMap((o) => o.lines.map((l) => read(`/${victim}/articles/${l.artGuid}`)))),
    config: await read(`/${victim}/config`),
    sync: (await svc.call('GET', `/${victim}/sync`)).body.pendingChanges,
  };
}

beforeAll(async () => {
  svc = await startTestService();
  attackerKey = (await svc.call('POST', `/admin/tenants/${attacker}/api-keys`)).body.key;
  for (const codes of [['*', 'FRA:MAG:1'], ['{0}'], [`{t:${attacker}}`, 'FRA:*']]) {
    const order = makeOrder(victim, {
      orderId: FIXED_VICTIM_IDS[victimOrders.length],
      lines: codes.map((code, i) => ({ code, artGuid: newGuid(), qty: i + 1 })),
    });
    victimOrders.push(order);
    expect((await svc.call('POST', `/${victim}/order`, order)).status).toBe(200);
  }
  await svc.call('PUT', `/${victim}/config`, { enableInternalOrderSync: false });
});
afterAll(() => svc.close());

const segment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 3, arbitrary: fc.constantFrom(String(attacker), String(victim), `0${victim}`, `${victim}.0`, ` ${victim}`) },
  { weight: 2, arbitrary: fc.uuid().map(String) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

const encodedSegment = fc.tuple(segment, fc.boolean()).map(([s, encode]) => (encode ? encodeURIComponent(s) : s));
/** Where the tenant goes: mostly the attacker's own (so requests reach validation), else anything. */
const tenant = fc.oneof(
  { weight: 4, arbitrary: fc.constant(String(attacker)) },
  { weight: 1, arbitrary: fc.constant(String(victim)) },
  { weight: 2, arbitrary: encodedSegment },
);

const path = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(tenant).map(([a]) => `/${a}/order`) },
  fc.tuple(tenant).map(([a]) => `/${a}/orders`),
  fc.tuple(tenant, encodedSegment).map(([a, b]) => `/${a}/order/${b}`),
  fc.tuple(tenant, encodedSegment).map(([a, b]) => `/${a}/order/byid/${b}`),
  fc.tuple(tenant, encodedSegment, encodedSegment).map(([a, b, c]) => `/${a}/order/byid/${b}/code/${c}`),
  fc.tuple(tenant, encodedSegment).map(([a, b]) => `/${a}/stock-origins/${b}`),
  fc.tuple(tenant, encodedSegment).map(([a, b]) => `/${a}/stock-origins?limit=${b}`),
  fc.tuple(tenant, encodedSegment).map(([a, b]) => `/${a}/articles/${b}`),
  fc.tuple(tenant).map(([a]) => `/${a}/config`),
  fc.tuple(tenant).map(([a]) => `/${a}/sync`),
  fc.tuple(encodedSegment, encodedSegment).map(([a, b]) => `/admin/tenants/${a}/api-keys/${b}`),
  fc.constantFrom('/admin/reconcile', '/admin/sync', '/metrics', '/ready', '/health', '/openapi.json'),
  fc.webPath(),
);

const line = fc.record({
  code: fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 20 })),
  artGuid: fc.oneof(fc.uuid().map(String), fc.constantFrom(...HOSTILE)),
  qty: fc.oneof(fc.integer({ min: -2, max: 10 }), fc.double(), fc.constantFrom(1e9, 1e9 + 1, 2 ** 53, Number.MAX_VALUE)),
});

const orderFields = fc.record(
  {
    orderId: fc.oneof(fc.uuid().map(String), fc.constantFrom(...HOSTILE)),
    tenantId: fc.oneof(fc.constantFrom(attacker, victim, -1, 1e20, 0.5), fc.integer()),
    lastUpdated: fc.oneof(
      fc.constant('2025-09-22T10:01:20.624Z'),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string(),
    ),
    expiresAt: fc.oneof(fc.constant(null), fc.constant('2099-01-01T00:00:00Z'), fc.constant('2000-01-01T00:00:00Z'), fc.string()),
    type: fc.oneof(fc.constantFrom('Order', 'Cart', 'ExternalOrder'), fc.string()),
    lines: fc.array(line, { maxLength: 6 }),
  },
  { requiredKeys: [] },
);

const orderLike = fc
  .tuple(orderFields, fc.option(fc.jsonValue({ maxDepth: 2 })))
  // `__proto__` as the JSON text's own key, which an object literal cannot express.
  .map(([o, proto]) => (proto === null ? JSON.stringify(o) : JSON.stringify(o).replace('{', `{"__proto__":${JSON.stringify(proto)},`)));

/** Valid but for the hostile parts: reaches the scripts, with codes that look like patterns. */
const nearlyValid = fc
  .record({
    orderId: fc.oneof(fc.uuid().map(String), fc.constantFrom(...victimIds())),
    lines: fc.array(
      fc.record({
        code: fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ minLength: 1, maxLength: 20 })),
        artGuid: fc.uuid().map(String),
        qty: fc.integer({ min: 1, max: 1e9 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    expiresAt: fc.constantFrom(undefined, '2099-01-01T00:00:00Z', '2000-01-01T00:00:00Z'),
  })
  .map((o) => JSON.stringify({ ...makeOrder(attacker), ...o }));

const body = fc.option(
  fc.oneof(
    { weight: 4, arbitrary: nearlyValid },
    { weight: 4, arbitrary: orderLike },
    { weight: 1, arbitrary: fc.array(orderLike, { maxLength: 3 }).map((list) => `[${list.join(',')}]`) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
    { weight: 1, arbitrary: fc.nat({ max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)) },
  ),
  { nil: undefined },
);

const request = fc.record({
  method: fc.constantFrom('GET', 'GET', 'POST', 'POST', 'POST', 'PUT', 'PUT', 'DELETE', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'),
  path,
  body,
  contentType: fc.oneof(
    { weight: 6, arbitrary: fc.constant('application/json') },
    { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'application/merge-patch+json', 'text/plain', '') },
  ),
  key: fc.oneof(
    { weight: 6, arbitrary: fc.constant('attacker' as const) },
    { weight: 2, arbitrary: fc.constant('admin' as const) },
    { weight: 1, arbitrary: fc.constantFrom('none' as const, 'garbage' as const) },
  ),
});

describe('fuzzing the routes', () => {
  it('never answers 5xx, always a JSON error on refusal, and never changes another tenant', { timeout: 180_000 }, async () => {
    const before = await snapshotVictim();
    let answered = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        let target = r.path;
        // The admin key may act on any tenant: its requests are aimed at the attacker's.
        if (r.key === 'admin') target = target.replaceAll(String(victim), String(attacker));
        if (r.key === 'admin' && /^\/admin\/(restore|sync)/.test(target)) return;
        const headers: Record<string, string> = {};
        if (r.contentType) headers['Content-Type'] = r.contentType;
        const key = { attacker: attackerKey, admin: ADMIN_KEY, garbage: `rsv_${'Z'.repeat(43)}`, none: null }[r.key];
        if (key) headers.Authorization = `Bearer ${key}`;
        const hasBody = r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD';
        let res: Response;
        try {
          res = await svc.app.request(target, { method: r.method, headers, body: hasBody ? r.body : undefined });
        } catch (error) {
          // Only a URL the Request constructor itself refuses may throw: nothing reached the app.
          expect(String(error)).toMatch(/Invalid URL|TypeError/);
          return;
        }
        answered += 1;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const text = await res.text();
        expect(res.status, `${r.method} ${target} -> ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400 && r.method !== 'HEAD') {
          const error = JSON.parse(text).error;
          expect(error).toMatchObject({
            code: expect.any(String),
            message: expect.any(String),
            requestId: res.headers.get('x-request-id'),
          });
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400), seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
    if (process.env.FUZZ_RUNS) console.log(Object.fromEntries(statuses));
    expect(answered).toBeGreaterThan(300);
    expect(await snapshotVictim()).toEqual(before);
    const check = (await svc.call('POST', '/admin/reconcile', { tenantId: victim, dryRun: true })).body.tenants[0];
    expect(check).toMatchObject({ status: 'consistent', ordersChecked: victimOrders.length });
  });
});
