/**
 * What-if plans (POST /{t}/reservations/simulate): writing nothing, and saying exactly what the
 * same write made next does. Random plans on a few scarce pairs and origins with capacities; after
 * each simulation the plan is written under `Reservation-Policy: if-available`, and the answer is
 * held against what the write did: taken or refused with the same shortfalls, each origin's
 * saturation and saturation events, each pair's reserved and available quantities.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../src/domain/order.js';
import { readEvents } from './support/event-stream.js';
import { newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';
import { codePath } from './support/model-check.js';
import { prng, testSeed } from './support/prng.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

const IF_AVAILABLE = { headers: { 'Reservation-Policy': 'if-available' } };
type Line = { code: string; artGuid: string; qty: number };

async function simulate(t: number, plans: { orderId?: string; lines: Line[] }[]) {
  const res = await svc.call('POST', `/${t}/reservations/simulate`, { plans });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.plans as any[];
}

describe('POST /{t}/reservations/simulate', () => {
  it('says exactly what the next write does, plan after plan, and writes nothing', async () => {
    const seed = testSeed();
    const random = prng(seed);
    const t = newTenantId();
    const codes = ['SIM:A', 'SIM:B'];
    const arts = [newGuid(), newGuid(), newGuid()];
    for (const code of codes) {
      expect(
        (await svc.call('PUT', `/${t}/stock-origins/${codePath(code)}/capacity`, { maxQty: 30, maxLines: 12, maxOrders: null })).status,
      ).toBe(200);
    }
    const levels = codes.flatMap((code) => arts.slice(0, 2).map((artGuid) => ({ code, artGuid, onHand: random.int(4, 12) })));
    expect((await svc.call('PUT', `/${t}/stock`, { asOf: '2030-01-01T00:00:00Z', levels })).status).toBe(200);

    const orders = new Map<string, Order>();
    let clock = Date.UTC(2030, 0, 1, 1);
    let taken = 0;
    let refused = 0;
    for (let step = 0; step < 40; step++) {
      const lines: Line[] = Array.from({ length: random.int(1, 4) }, () => ({
        code: codes[random.int(0, codes.length - 1)]!,
        artGuid: arts[random.int(0, arts.length - 1)]!,
        qty: random.int(1, 5),
      }));
      const replaced = orders.size > 0 && random.chance(0.4) ? [...orders.keys()][random.int(0, orders.size - 1)] : undefined;
      const plan = { ...(replaced ? { orderId: replaced } : {}), lines };
      const context = `seed ${seed}, step ${step}: ${JSON.stringify(plan)}`;

      const eventsBefore = await readEvents(svc.redis, t);
      const [outcome] = await simulate(t, [plan]);
      // Alone or among other plans, a plan is judged the same, and nothing was written.
      const [, again] = await simulate(t, [{ lines: [{ code: codes[0]!, artGuid: arts[2]!, qty: 99 }] }, plan]);
      expect(again, context).toEqual(outcome);
      expect(await readEvents(svc.redis, t), context).toEqual(eventsBefore);

      clock += 1000;
      const order: Order = {
        orderId: replaced ?? newGuid(),
        tenantId: t,
        lastUpdated: new Date(clock).toISOString(),
        type: 'Order',
        lines,
      };
      const res = await svc.call('POST', `/${t}/order`, order, IF_AVAILABLE);
      expect(res.status === 200, `${context}: answered ${JSON.stringify(res.body)}`).toBe(outcome.feasible);
      if (res.status === 200) {
        taken++;
        orders.set(order.orderId, order);
      } else {
        refused++;
        expect(res.body.error.shortfalls, context).toEqual(outcome.shortfalls);
      }

      const crossed = (await readEvents(svc.redis, t, eventsBefore.at(-1)?.id))
        .filter((e) => e.type === 'stock_origin.saturation')
        .map((e) => ({ code: e.data.code, threshold: e.data.threshold, direction: e.data.direction }));
      const predicted = outcome.feasible ? outcome.origins.flatMap((o: any) => o.crossings.map((c: any) => ({ code: o.code, ...c }))) : [];
      expect(crossed, context).toEqual(predicted);
      for (const o of outcome.origins) {
        const view = (await svc.call('GET', `/${t}/stock-origins/${codePath(o.code)}`)).body;
        expect(view.saturation, `${context}: ${o.code}`).toBe(outcome.feasible ? o.saturationAfter : o.saturationBefore);
      }
      for (const p of outcome.pairs) {
        const stock = (await svc.call('GET', `/${t}/stock-origins/${codePath(p.code)}/stock/${p.artGuid}`)).body;
        expect(stock.reservedQty, `${context}: ${p.code} ${p.artGuid}`).toBe(outcome.feasible ? p.reservedAfter : p.reservedBefore);
        expect(stock.available, `${context}: ${p.code} ${p.artGuid}`).toBe(outcome.feasible ? p.availableAfter : p.availableBefore);
      }
    }
    expect(taken).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it('refuses malformed plans with 400 naming them, and more than 100 plans', async () => {
    const t = newTenantId();
    const line = { code: 'SIM:A', artGuid: newGuid(), qty: 1 };
    const bad = await svc.call('POST', `/${t}/reservations/simulate`, { plans: [{ lines: [line] }, { lines: [{ ...line, qty: 0 }] }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.path)).toEqual(['plans[1].lines[0].qty']);
    expect((await svc.call('POST', `/${t}/reservations/simulate`, { plans: [] })).status).toBe(400);
    const many = Array.from({ length: 101 }, () => ({ lines: [line] }));
    expect((await svc.call('POST', `/${t}/reservations/simulate`, { plans: many })).status).toBe(400);
  });
});
