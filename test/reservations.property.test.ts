/**
 * Property: whatever sequence of creates, redefinitions (of lines and of expiry), shipments
 * (partial deletes by origin), deletes, replacements of the whole set and passing time a tenant
 * goes through, against the real Redis, every answer, every order and every reservation figure is
 * what the hand-written model (support/figures-model.ts, which imports nothing of src/) says.
 *
 * Time is the service's clock, moved by the test; the expiry sweeper does not run in tests, reads
 * purge what is due. On failure fast-check prints the seed and the path of the shrunk case:
 * TEST_SEED=<seed> TEST_PATH=<path> npx vitest run test/reservations.property.test.ts replays it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantModel, type ExpectedAnswer, type ModelOrder } from './support/figures-model.js';
import { newTenantId, startTestService, type TestService } from './support/harness.js';
import { codePath, expectFigures, expectOrder } from './support/model-check.js';

/** The service's clock: whole half-seconds, so that a step can land exactly on an expiry. */
let now = Date.UTC(2031, 0, 1);
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ clock: () => now });
});
afterAll(() => svc.close());

/** Few ids, so that steps often meet the same order. */
const IDS = ['0f8fad5b-d9cb-469f-a165-70867728950e', '7c9e6679-7425-40de-944b-e07fc1f90ae7', 'a3bb189e-8bf9-3888-9912-ace4e6543002'];
const CODES = ['FRA:MAG:1', 'FRA:MAG:2', 'BEL/3', 'ESP 4'];
const ARTICLES = ['4128d10e-1594-42a7-8c79-bde5181a20f5', 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460', '9b2f3c1a-5e6d-4f7a-8b9c-0d1e2f3a4b5c'];
const TYPES = ['Order', 'Cart', 'ExternalOrder'] as const;
const LAST_UPDATED_BASE = Date.UTC(2025, 5, 1);

interface World {
  model: TenantModel;
  /** Whether an order with an expiry was written yet: until then no expired order can be stored. */
  expiriesWritten: boolean;
}
interface Real {
  t: number;
}

/** An order as generated: its expiry relative to the clock at the moment it is sent. */
interface OrderDraft {
  id: string;
  /**
   * lastUpdated in seconds after a fixed instant (a few values, so that equal, newer and older all
   * happen), or one second after the stored order's: a redefinition.
   */
  updatedS: number | 'newer';
  /** Seconds from now: 0 expires at once (an expiry at `now` has passed), negative is in the past. */
  expiresInS: number | null;
  type: (typeof TYPES)[number];
  lines: { code: string; artGuid: string; qty: number }[];
}

const draft = (id: fc.Arbitrary<string>) =>
  fc.record({
    id,
    updatedS: fc.oneof({ weight: 1, arbitrary: fc.constant('newer' as const) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 6 }) }),
    expiresInS: fc.oneof(
      { weight: 2, arbitrary: fc.constant(null) },
      { weight: 3, arbitrary: fc.integer({ min: 1, max: 6 }) },
      { weight: 1, arbitrary: fc.integer({ min: -1, max: 0 }) },
    ),
    type: fc.constantFrom(...TYPES),
    lines: fc.array(
      fc.record({ code: fc.constantFrom(...CODES), artGuid: fc.constantFrom(...ARTICLES), qty: fc.integer({ min: 1, max: 1_000 }) }),
      { minLength: 1, maxLength: 4 },
    ),
  });

function orderOf(t: number, d: OrderDraft, model: TenantModel): ModelOrder {
  const stored = model.get(d.id, now);
  const lastUpdated =
    d.updatedS !== 'newer' ? LAST_UPDATED_BASE + d.updatedS * 1000 : (stored ? Date.parse(stored.lastUpdated) : LAST_UPDATED_BASE) + 1000;
  return {
    orderId: d.id,
    tenantId: t,
    lastUpdated: new Date(lastUpdated).toISOString(),
    ...(d.expiresInS === null ? {} : { expiresAt: new Date(now + d.expiresInS * 1000).toISOString() }),
    type: d.type,
    lines: d.lines,
  };
}

function expectAnswer(res: { status: number; body: any }, expected: ExpectedAnswer, what: string) {
  if (expected.status === 409)
    expect({ status: res.status, code: res.body?.error?.code }, what).toEqual({ status: 409, code: 'STALE_WRITE' });
  else expect({ status: res.status, body: res.body }, what).toEqual(expected);
}

class Upsert implements fc.AsyncCommand<World, Real> {
  constructor(readonly d: OrderDraft) {}
  check = () => true;
  async run(w: World, r: Real) {
    const order = orderOf(r.t, this.d, w.model);
    if (order.expiresAt) w.expiriesWritten = true;
    const expected = w.model.upsert(order, now);
    expectAnswer(await svc.call('POST', `/${r.t}/order`, order), expected, this.toString());
  }
  toString = () => `upsert(${JSON.stringify(this.d)})`;
}

/** The stored order sent again, one second later, with another expiry (or none): only its expiry changes. */
class Reschedule implements fc.AsyncCommand<World, Real> {
  constructor(
    readonly id: string,
    readonly expiresInS: number | null,
  ) {}
  check = () => true;
  async run(w: World, r: Real) {
    const stored = w.model.get(this.id, now);
    if (!stored) return;
    const { expiresAt: _, ...rest } = stored;
    const order: ModelOrder = {
      ...rest,
      lastUpdated: new Date(Date.parse(stored.lastUpdated) + 1000).toISOString(),
      ...(this.expiresInS === null ? {} : { expiresAt: new Date(now + this.expiresInS * 1000).toISOString() }),
    };
    if (order.expiresAt) w.expiriesWritten = true;
    const expected = w.model.upsert(order, now);
    expectAnswer(await svc.call('POST', `/${r.t}/order`, order), expected, this.toString());
  }
  toString = () => `reschedule(${this.id.slice(0, 4)}, ${this.expiresInS})`;
}

class Ship implements fc.AsyncCommand<World, Real> {
  constructor(
    readonly id: string,
    readonly code: string,
  ) {}
  check = () => true;
  async run(w: World, r: Real) {
    const expected = w.model.deleteLinesAt(this.id, this.code, now);
    expectAnswer(await svc.call('DELETE', `/${r.t}/order/byid/${this.id}/code/${codePath(this.code)}`), expected, this.toString());
  }
  toString = () => `ship(${this.id.slice(0, 4)}, ${this.code})`;
}

class Delete implements fc.AsyncCommand<World, Real> {
  constructor(readonly id: string) {}
  check = () => true;
  async run(w: World, r: Real) {
    expectAnswer(await svc.call('DELETE', `/${r.t}/order/byid/${this.id}`), w.model.delete(this.id, now), this.toString());
  }
  toString = () => `delete(${this.id.slice(0, 4)})`;
}

class Replace implements fc.AsyncCommand<World, Real> {
  constructor(readonly drafts: OrderDraft[]) {}
  check = () => true;
  async run(w: World, r: Real) {
    const orders = this.drafts.map((d) => orderOf(r.t, d, w.model));
    const hadExpiries = w.expiriesWritten;
    if (orders.some((o) => o.expiresAt)) w.expiriesWritten = true;
    const expected = w.model.replaceAll(orders, now);
    const res = await svc.call('PUT', `/${r.t}/orders`, orders);
    expect(res.status, this.toString()).toBe(200);
    expect(res.body.orderCount, this.toString()).toBe(expected.orderCount);
    // An expired order the service has not purged yet counts as removed by the replacement.
    if (hadExpiries) expect(res.body.removedCount).toBeGreaterThanOrEqual(expected.removedCount);
    else expect(res.body.removedCount, this.toString()).toBe(expected.removedCount);
  }
  toString = () => `replace(${JSON.stringify(this.drafts)})`;
}

class Advance implements fc.AsyncCommand<World, Real> {
  constructor(readonly ms: number) {}
  check = () => true;
  async run() {
    now += this.ms;
  }
  toString = () => `advance(${this.ms})`;
}

class ReadOrder implements fc.AsyncCommand<World, Real> {
  constructor(readonly id: string) {}
  check = () => true;
  async run(w: World, r: Real) {
    await expectOrder(svc, r.t, this.id, w.model.get(this.id, now), this.toString());
  }
  toString = () => `read(${this.id.slice(0, 4)})`;
}

/** Every figure mid-sequence (reads purge what is due: the next steps meet a purged tenant). */
class ReadFigures implements fc.AsyncCommand<World, Real> {
  check = () => true;
  async run(w: World, r: Real) {
    await expectFigures(svc, r.t, w.model.figures(now), { codes: CODES, articles: ARTICLES }, this.toString());
  }
  toString = () => 'readFigures';
}

const id = fc.constantFrom(...IDS);
const commands = fc.commands(
  [
    draft(id).map((d) => new Upsert(d)),
    draft(id).map((d) => new Upsert(d)),
    fc.tuple(id, fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 6 }))).map(([i, e]) => new Reschedule(i, e)),
    fc.tuple(id, fc.constantFrom(...CODES)).map(([i, c]) => new Ship(i, c)),
    id.map((i) => new Delete(i)),
    fc.uniqueArray(draft(id), { selector: (d) => d.id, maxLength: 4 }).map((ds) => new Replace(ds)),
    fc.constantFrom(500, 1000, 2000, 4000).map((ms) => new Advance(ms)),
    id.map((i) => new ReadOrder(i)),
    fc.constant(new ReadFigures()),
  ],
  // Sequences of up to 30 steps, 15 on average (fast-check's default size would keep them under 10).
  { maxCommands: 30, size: 'max' },
);

const lines = [
  { code: CODES[0]!, artGuid: ARTICLES[0]!, qty: 3 },
  { code: CODES[1]!, artGuid: ARTICLES[1]!, qty: 5 },
];
const at = (id: string, expiresInS: number | null, updatedS: OrderDraft['updatedS'] = 'newer'): OrderDraft => ({
  id,
  updatedS,
  expiresInS,
  type: 'Cart',
  lines,
});
/** Sequences always tried first: the edges of expiry. */
const EXAMPLES: fc.AsyncCommand<World, Real>[][] = [
  // Gone at exactly its expiresAt, to a read of the order as to the figures; then created anew
  // (an expired order refuses no write as stale).
  [
    new Upsert(at(IDS[0]!, 2, 5)),
    new Advance(1000),
    new Advance(1000),
    new ReadOrder(IDS[0]!),
    new ReadFigures(),
    new Upsert(at(IDS[0]!, null, 0)),
    new ReadFigures(),
  ],
  // A redefinition lifts the expiry: the order outlives its first expiresAt.
  [new Upsert(at(IDS[1]!, 1)), new Reschedule(IDS[1]!, null), new Advance(4000), new ReadOrder(IDS[1]!), new ReadFigures()],
  // A redefinition brings the expiry forward, or puts it back.
  [new Upsert(at(IDS[2]!, 6)), new Reschedule(IDS[2]!, 1), new Advance(1000), new ReadOrder(IDS[2]!), new ReadFigures()],
  [
    new Upsert(at(IDS[2]!, 1)),
    new Reschedule(IDS[2]!, 6),
    new Advance(2000),
    new ReadFigures(),
    new ReadOrder(IDS[2]!),
    new Advance(4000),
    new ReadOrder(IDS[2]!),
    new ReadFigures(),
  ],
  // Shipped lines of an expired order: nothing to ship, and it is gone.
  [new Upsert(at(IDS[0]!, 1)), new Advance(1000), new Ship(IDS[0]!, CODES[0]!), new ReadFigures()],
];

describe('any sequence of writes and expiries', () => {
  it('leaves every order and every figure as the model computes them', { timeout: 120_000 }, async () => {
    const seed = process.env.TEST_SEED ? Number(process.env.TEST_SEED) : undefined;
    const path = process.env.TEST_PATH || undefined;
    let sequences = 0;
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        sequences++;
        const t = newTenantId();
        const world: World = { model: new TenantModel(t), expiriesWritten: false };
        await fc.asyncModelRun(() => ({ model: world, real: { t } }), cmds);
        for (const orderId of IDS) await expectOrder(svc, t, orderId, world.model.get(orderId, now), 'at the end:');
        await expectFigures(svc, t, world.model.figures(now), { codes: CODES, articles: ARTICLES }, 'at the end:');
      }),
      {
        numRuns: Number(process.env.PROPERTY_RUNS ?? 50),
        seed,
        path,
        examples: EXAMPLES.map((cmds): [Iterable<fc.AsyncCommand<World, Real, boolean>>] => [cmds]),
      },
    );
    expect(sequences).toBeGreaterThanOrEqual(Number(process.env.PROPERTY_RUNS ?? 50));
  });
});
