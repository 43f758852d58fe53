/**
 * Availability: on-hand levels of (origin, article) pairs (PUT /{t}/stock, GET and DELETE
 * /{t}/stock-origins/{code}/stock/{artGuid}) and the reservation policy `if-available`, which
 * refuses, atomically and with nothing changed, an order write a tracked pair lacks the stock for.
 * The concurrent test checks with a client-side model that no tracked pair is ever oversold and
 * that every refusal was justified when it was made.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../src/domain/order.js';
import { restoreAllTenants } from '../src/domain/restore.js';
import { tenantKeys } from '../src/repositories/keys.js';
import { readEvents } from './support/event-stream.js';
import { makeOrder, newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';
import { codePath } from './support/model-check.js';
import { prng, testSeed } from './support/prng.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

const pairPath = (t: number, code: string, art: string) => `/${t}/stock-origins/${codePath(code)}/stock/${art}`;
const IF_AVAILABLE = { headers: { 'Reservation-Policy': 'if-available' } };
const ORIGIN = 'FRA:MAG:0125';

function orderOf(t: number, lines: { code?: string; artGuid: string; qty: number }[], overrides: Partial<Order> = {}): Order {
  return makeOrder(t, { lines: lines.map((l) => ({ code: l.code ?? ORIGIN, artGuid: l.artGuid, qty: l.qty })), ...overrides });
}

async function putStock(t: number, asOf: string, levels: { code?: string; artGuid: string; onHand: number }[]) {
  const res = await svc.call('PUT', `/${t}/stock`, { asOf, levels: levels.map((l) => ({ code: l.code ?? ORIGIN, ...l })) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { applied: number; stale: number };
}

async function pair(t: number, art: string, code = ORIGIN) {
  const res = await svc.call('GET', pairPath(t, code, art));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('stock levels', () => {
  it('tracks a pair from its first level: onHand, reserved, available and asOf; untracked pairs answer nulls', async () => {
    const t = newTenantId();
    const art = newGuid();
    expect(await pair(t, art)).toEqual({ code: ORIGIN, artGuid: art, onHand: null, reservedQty: 0, available: null, asOf: null });
    expect((await svc.call('POST', `/${t}/order`, orderOf(t, [{ artGuid: art, qty: 4 }]))).body).toBe(true);
    expect(await putStock(t, '2030-01-01T10:00:00Z', [{ artGuid: art, onHand: 10 }])).toEqual({ applied: 1, stale: 0 });
    expect(await pair(t, art)).toEqual({
      code: ORIGIN,
      artGuid: art,
      onHand: 10,
      reservedQty: 4,
      available: 6,
      asOf: '2030-01-01T10:00:00.000Z',
    });
    // An upper-case artGuid in the body or the path is the same article.
    expect(await putStock(t, '2030-01-01T11:00:00Z', [{ artGuid: art.toUpperCase(), onHand: 3 }])).toEqual({ applied: 1, stale: 0 });
    expect((await pair(t, art.toUpperCase())).available).toBe(-1);
  });

  it('leaves a level counted later than the body as it is (a late count), and says how many', async () => {
    const t = newTenantId();
    const [a, b] = [newGuid(), newGuid()];
    await putStock(t, '2030-01-01T12:00:00Z', [{ artGuid: a, onHand: 7 }]);
    expect(
      await putStock(t, '2030-01-01T11:00:00Z', [
        { artGuid: a, onHand: 100 },
        { artGuid: b, onHand: 5 },
      ]),
    ).toEqual({ applied: 1, stale: 1 });
    expect((await pair(t, a)).onHand).toBe(7);
    expect((await pair(t, b)).onHand).toBe(5);
    // The same time again is not older: applied.
    expect(await putStock(t, '2030-01-01T12:00:00Z', [{ artGuid: a, onHand: 8 }])).toEqual({ applied: 1, stale: 0 });
    expect((await pair(t, a)).onHand).toBe(8);
  });

  it('refuses a malformed level with 400 naming it, and sets none of the body', async () => {
    const t = newTenantId();
    const [a, b] = [newGuid(), newGuid()];
    const res = await svc.call('PUT', `/${t}/stock`, {
      asOf: '2030-01-01T10:00:00Z',
      levels: [
        { code: ORIGIN, artGuid: a, onHand: 1 },
        { code: ORIGIN, artGuid: b, onHand: -1 },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body.error)).toContain('levels[1].onHand');
    expect((await pair(t, a)).onHand).toBeNull();
    for (const body of [{ levels: [{ code: ORIGIN, artGuid: a, onHand: 1 }] }, { asOf: '2030-01-01T10:00:00Z', levels: [] }]) {
      expect((await svc.call('PUT', `/${t}/stock`, body)).status).toBe(400);
    }
  });

  it('untracks a pair with DELETE (true, then false), and keeps tenants apart', async () => {
    const [t, other] = [newTenantId(), newTenantId()];
    const art = newGuid();
    await putStock(t, '2030-01-01T10:00:00Z', [{ artGuid: art, onHand: 2 }]);
    expect((await pair(other, art)).onHand).toBeNull();
    expect((await svc.call('DELETE', pairPath(other, ORIGIN, art))).body).toBe(false);
    expect((await svc.call('DELETE', pairPath(t, ORIGIN, art))).body).toBe(true);
    expect((await svc.call('DELETE', pairPath(t, ORIGIN, art))).body).toBe(false);
    expect((await pair(t, art)).onHand).toBeNull();
  });
});

describe('the reservation views with stock', () => {
  it('show onHand and available beside each article at an origin, and list an origin where an article is tracked but not reserved', async () => {
    const t = newTenantId();
    const [art, other] = [newGuid(), newGuid()];
    const [shelf, reserved] = ['VIEW:SHELF', 'VIEW:RES'];
    await svc.call(
      'POST',
      `/${t}/order`,
      orderOf(t, [
        { code: reserved, artGuid: art, qty: 4 },
        { code: reserved, artGuid: other, qty: 1 },
      ]),
    );
    await putStock(t, '2030-01-01T10:00:00Z', [
      { code: reserved, artGuid: art, onHand: 10 },
      { code: shelf, artGuid: art, onHand: 7 },
    ]);
    const origin = (await svc.call('GET', `/${t}/stock-origins/${codePath(reserved)}`)).body;
    expect(origin.articles).toEqual([
      { artGuid: art, qty: 4, onHand: 10, available: 6 },
      { artGuid: other, qty: 1, onHand: null, available: null },
    ]);
    const article = (await svc.call('GET', `/${t}/articles/${art}`)).body;
    expect(article.reservedQty).toBe(4);
    expect(article.origins).toEqual([
      { code: reserved, qty: 4, capacity: null, saturation: null, onHand: 10, available: 6 },
      { code: shelf, qty: 0, capacity: null, saturation: null, onHand: 7, available: 7 },
    ]);
    const query = await svc.call('POST', `/${t}/reservations/query`, { artGuids: [art, other], codes: [shelf] });
    expect(query.body.articles).toEqual([
      { artGuid: art, reservedQty: 4, origins: [{ code: shelf, qty: 0, capacity: null, saturation: null, onHand: 7, available: 7 }] },
      { artGuid: other, reservedQty: 1, origins: [] },
    ]);
    // Untracked: no longer listed where nothing is reserved.
    expect((await svc.call('DELETE', pairPath(t, shelf, art))).body).toBe(true);
    expect((await svc.call('GET', `/${t}/articles/${art}`)).body.origins.map((o: { code: string }) => o.code)).toEqual([reserved]);
  });
});

describe('stock levels in MongoDB', () => {
  it('survive the loss of Redis: a restore puts back the level counted last, never over one pushed since, nor an untracked pair', async () => {
    const t = newTenantId();
    const [a, b, gone] = [newGuid(), newGuid(), newGuid()];
    await putStock(t, '2030-01-01T12:00:00Z', [
      { artGuid: a, onHand: 7 },
      { artGuid: b, onHand: 3 },
      { artGuid: gone, onHand: 9 },
    ]);
    expect(await putStock(t, '2030-01-01T11:00:00Z', [{ artGuid: a, onHand: 100 }])).toEqual({ applied: 0, stale: 1 });
    expect((await svc.call('DELETE', pairPath(t, ORIGIN, gone))).body).toBe(true);

    await svc.redis.del(tenantKeys(t).stock);
    expect((await pair(t, a)).onHand).toBeNull();
    // Pushed after the loss, before the restore: newer than the archive's 12:00 count of b.
    await putStock(t, '2030-01-01T13:00:00Z', [{ artGuid: b, onHand: 1 }]);
    await restoreAllTenants(svc.services, { tenantId: t, force: true });

    expect(await pair(t, a)).toMatchObject({ onHand: 7, asOf: '2030-01-01T12:00:00.000Z' });
    expect(await pair(t, b)).toMatchObject({ onHand: 1, asOf: '2030-01-01T13:00:00.000Z' });
    expect((await pair(t, gone)).onHand).toBeNull();
  });
});

describe('the reservation policy if-available', () => {
  it('refuses a write a tracked pair lacks the stock for, with each shortfall, and changes nothing', async () => {
    const t = newTenantId();
    const [scarce, plenty, untracked] = [newGuid(), newGuid(), newGuid()];
    await putStock(t, '2030-01-01T10:00:00Z', [
      { artGuid: scarce, onHand: 5 },
      { artGuid: plenty, onHand: 100 },
    ]);
    expect((await svc.call('POST', `/${t}/order`, orderOf(t, [{ artGuid: scarce, qty: 3 }]), IF_AVAILABLE)).body).toBe(true);
    const before = await readEvents(svc.redis, t);
    const sync = (await svc.call('GET', `/${t}/sync`)).body;

    const refused = orderOf(t, [
      { artGuid: scarce, qty: 3 },
      { artGuid: plenty, qty: 50 },
      { artGuid: untracked, qty: 1000 },
    ]);
    const res = await svc.call('POST', `/${t}/order`, refused, IF_AVAILABLE);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INSUFFICIENT_STOCK');
    expect(res.body.error.shortfalls).toEqual([{ code: ORIGIN, artGuid: scarce, requested: 3, available: 2 }]);

    expect((await svc.call('GET', `/${t}/order/${refused.orderId}`)).status).toBe(404);
    expect(await readEvents(svc.redis, t)).toEqual(before);
    expect((await svc.call('GET', `/${t}/sync`)).body.pendingChanges).toBe(sync.pendingChanges);
    expect((await pair(t, scarce)).reservedQty).toBe(3);
    expect((await pair(t, plenty)).reservedQty).toBe(0);

    // What is available is taken: 2 more units pass, exactly to zero.
    expect((await svc.call('POST', `/${t}/order`, orderOf(t, [{ artGuid: scarce, qty: 2 }]), IF_AVAILABLE)).body).toBe(true);
    expect((await pair(t, scarce)).available).toBe(0);
  });

  it('also refuses a write that would take an origin past its capacity, naming the limit; lowering always passes', async () => {
    const t = newTenantId();
    const [a, b] = [newGuid(), newGuid()];
    const capacity = { maxQty: 10, maxLines: null, maxOrders: 2 };
    expect((await svc.call('PUT', `/${t}/stock-origins/${codePath(ORIGIN)}/capacity`, capacity)).status).toBe(200);
    const first = orderOf(t, [{ artGuid: a, qty: 8 }], { lastUpdated: '2030-01-01T10:00:00.000Z' });
    expect((await svc.call('POST', `/${t}/order`, first, IF_AVAILABLE)).body).toBe(true);
    const res = await svc.call('POST', `/${t}/order`, orderOf(t, [{ artGuid: b, qty: 3 }]), IF_AVAILABLE);
    expect(res.status).toBe(409);
    expect(res.body.error.shortfalls).toEqual([{ code: ORIGIN, limit: 'maxQty', requested: 3, available: 2 }]);
    expect((await svc.call('GET', `/${t}/stock-origins/${codePath(ORIGIN)}`)).body.reservedQty).toBe(8);
    // Within the room: taken, and the origin is full (saturation 1); a third order finds no room for it.
    expect((await svc.call('POST', `/${t}/order`, orderOf(t, [{ artGuid: b, qty: 2 }]), IF_AVAILABLE)).body).toBe(true);
    const third = await svc.call('POST', `/${t}/order`, orderOf(t, [{ artGuid: b, qty: 0 + 1 }]), IF_AVAILABLE);
    expect(third.body.error.shortfalls).toEqual([
      { code: ORIGIN, limit: 'maxQty', requested: 1, available: 0 },
      { code: ORIGIN, limit: 'maxOrders', requested: 1, available: 0 },
    ]);
    // The first order redefined with fewer units passes; `always` takes what if-available refuses.
    const lower = { ...first, lastUpdated: '2030-01-01T11:00:00.000Z', lines: [{ code: ORIGIN, artGuid: a, qty: 7 }] };
    expect((await svc.call('POST', `/${t}/order`, lower, IF_AVAILABLE)).body).toBe(false);
    expect((await svc.call('POST', `/${t}/order`, orderOf(t, [{ artGuid: b, qty: 5 }]))).body).toBe(true);
  });

  it("follows the tenant's configuration when the header is absent; the header overrides it either way", async () => {
    const t = newTenantId();
    const art = newGuid();
    await putStock(t, '2030-01-01T10:00:00Z', [{ artGuid: art, onHand: 1 }]);
    // Default `always`: the seed contract, every write taken (available goes negative).
    expect((await svc.call('POST', `/${t}/order`, orderOf(t, [{ artGuid: art, qty: 2 }]))).body).toBe(true);
    expect((await pair(t, art)).available).toBe(-1);

    const config = await svc.call('PUT', `/${t}/config`, { enableInternalOrderSync: true, reservationPolicy: 'if-available' });
    expect(config.body.reservationPolicy).toBe('if-available');
    expect((await svc.call('GET', `/${t}/config`)).body.reservationPolicy).toBe('if-available');
    expect((await svc.call('POST', `/${t}/order`, orderOf(t, [{ artGuid: art, qty: 1 }]))).status).toBe(409);
    const always = { headers: { 'Reservation-Policy': 'always' } };
    expect((await svc.call('POST', `/${t}/order`, orderOf(t, [{ artGuid: art, qty: 1 }]), always)).body).toBe(true);

    await svc.call('PUT', `/${t}/config`, { enableInternalOrderSync: true });
    expect((await svc.call('GET', `/${t}/config`)).body.reservationPolicy).toBe('always');
    expect((await svc.call('POST', `/${t}/order`, orderOf(t, [{ artGuid: art, qty: 1 }]))).body).toBe(true);
    expect((await svc.call('POST', `/${t}/order`, orderOf(t, [{ artGuid: art, qty: 1 }]), IF_AVAILABLE)).status).toBe(409);
    const bad = await svc.call('POST', `/${t}/order`, orderOf(t, [{ artGuid: art, qty: 1 }]), {
      headers: { 'Reservation-Policy': 'maybe' },
    });
    expect(bad.status).toBe(400);
  });

  it('lets a redefinition keep or lower its quantities even past zero available, and counts its own units when it grows', async () => {
    const t = newTenantId();
    const art = newGuid();
    await putStock(t, '2030-01-01T10:00:00Z', [{ artGuid: art, onHand: 10 }]);
    const mine = orderOf(t, [{ artGuid: art, qty: 6 }], { lastUpdated: '2030-01-01T10:00:00.000Z' });
    expect((await svc.call('POST', `/${t}/order`, mine, IF_AVAILABLE)).body).toBe(true);
    // The shelf shrinks under the reservations: available is now -2.
    await putStock(t, '2030-01-01T11:00:00Z', [{ artGuid: art, onHand: 4 }]);
    const same = { ...mine, lastUpdated: '2030-01-01T11:00:00.000Z' };
    expect((await svc.call('POST', `/${t}/order`, same, IF_AVAILABLE)).body).toBe(false);
    const lower = { ...mine, lastUpdated: '2030-01-01T12:00:00.000Z', lines: [{ code: ORIGIN, artGuid: art, qty: 5 }] };
    expect((await svc.call('POST', `/${t}/order`, lower, IF_AVAILABLE)).body).toBe(false);
    // Growing: what it may have is what is available (-1) plus its own 5.
    const grow = { ...mine, lastUpdated: '2030-01-01T13:00:00.000Z', lines: [{ code: ORIGIN, artGuid: art, qty: 6 }] };
    const res = await svc.call('POST', `/${t}/order`, grow, IF_AVAILABLE);
    expect(res.status).toBe(409);
    expect(res.body.error.shortfalls).toEqual([{ code: ORIGIN, artGuid: art, requested: 6, available: 4 }]);
    expect((await svc.call('GET', `/${t}/order/${mine.orderId}`)).body.lines[0].qty).toBe(5);
    // A stale write is answered stale, whatever the stock.
    const stale = await svc.call('POST', `/${t}/order`, { ...grow, lastUpdated: '2030-01-01T09:00:00.000Z' }, IF_AVAILABLE);
    expect(stale.body.error.code).toBe('STALE_WRITE');
  });

  it('answers a retry of a refused write with the same 409 (Idempotency-Key), even once stock has come in', async () => {
    const t = newTenantId();
    const art = newGuid();
    await putStock(t, '2030-01-01T10:00:00Z', [{ artGuid: art, onHand: 1 }]);
    const order = orderOf(t, [{ artGuid: art, qty: 2 }]);
    const headers = { 'Reservation-Policy': 'if-available', 'Idempotency-Key': `refused-${t}` };
    const first = await svc.call('POST', `/${t}/order`, order, { headers });
    expect(first.status).toBe(409);
    await putStock(t, '2030-01-01T11:00:00Z', [{ artGuid: art, onHand: 10 }]);
    const retry = await svc.call('POST', `/${t}/order`, order, { headers });
    expect(retry.status).toBe(409);
    expect(retry.body.error.shortfalls).toEqual(first.body.error.shortfalls);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).status).toBe(404);
    // The same key with another policy is another request.
    const other = await svc.call('POST', `/${t}/order`, order, { headers: { ...headers, 'Reservation-Policy': 'always' } });
    expect(other.status).toBe(422);
  });

  it('never oversells a tracked pair under many concurrent clients, and every refusal was justified when made', async () => {
    const t = newTenantId();
    const random = prng(testSeed()).next;
    const arts = [newGuid(), newGuid(), newGuid()];
    const onHand = [12, 7, 20];
    await putStock(
      t,
      '2030-01-01T10:00:00Z',
      arts.map((artGuid, i) => ({ artGuid, onHand: onHand[i]! })),
    );
    // The model: units of acknowledged orders per article, and of orders in flight.
    const acknowledged = [0, 0, 0];
    const inFlight = [0, 0, 0];
    const problems: string[] = [];
    let accepted = 0;
    let refusedCount = 0;
    const client = async () => {
      for (let n = 0; n < 15; n++) {
        const lines = arts.map((artGuid, i) => ({ artGuid, qty: 1 + Math.floor(random() * 3), i })).filter(() => random() < 0.6);
        if (lines.length === 0) continue;
        const lowerBound = [...acknowledged];
        for (const l of lines) inFlight[l.i]! += l.qty;
        const res = await svc.call('POST', `/${t}/order`, orderOf(t, lines), IF_AVAILABLE);
        for (const l of lines) inFlight[l.i]! -= l.qty;
        if (res.status === 200) {
          accepted++;
          for (const l of lines) acknowledged[l.i]! += l.qty;
        } else if (res.status === 409 && res.body.error.code === 'INSUFFICIENT_STOCK') {
          refusedCount++;
          for (const s of res.body.error.shortfalls as { artGuid: string; requested: number; available: number }[]) {
            const i = arts.indexOf(s.artGuid);
            const asked = lines.find((l) => l.artGuid === s.artGuid)?.qty;
            // Justified: it asked more than was available, and what others held then is what the model allows.
            const heldByOthers = onHand[i]! - s.available;
            const upperBound = acknowledged[i]! + inFlight[i]!;
            if (asked !== s.requested || !(s.requested > s.available) || heldByOthers < lowerBound[i]! || heldByOthers > upperBound) {
              problems.push(`refusal ${JSON.stringify(s)}: held ${heldByOthers} outside [${lowerBound[i]}, ${upperBound}]`);
            }
          }
        } else {
          problems.push(`unexpected ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 12 }, client));
    expect(problems).toEqual([]);
    expect(accepted).toBeGreaterThan(0);
    expect(refusedCount).toBeGreaterThan(0);
    for (const [i, artGuid] of arts.entries()) {
      const stock = await pair(t, artGuid);
      expect(stock.reservedQty, `article ${i}`).toBe(acknowledged[i]);
      expect(stock.reservedQty, `article ${i} oversold`).toBeLessThanOrEqual(onHand[i]!);
    }
  });
});
