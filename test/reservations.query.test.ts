/**
 * POST /{t}/reservations/query, the optimizer's batch query: for each article asked, in the
 * order asked, its units reserved anywhere and its reservation at each origin (restricted to
 * `codes` when given), each origin with its capacity and saturation; articles reserved nowhere
 * with zeros. Checked against the client-side model; its limits (1000 articles × 1000 codes) at
 * their edges.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  figuresOf,
  saturationOf,
  TenantModel,
  untracked,
  type Figures,
  type ModelCapacity,
  type ModelOrder,
} from './support/figures-model.js';
import { newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';
import { codePath } from './support/model-check.js';
import { prng, testSeed } from './support/prng.js';

const SEED = testSeed();
let now = Date.UTC(2030, 5, 1);
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ clock: () => now });
});
afterAll(() => svc.close());

const CODES = ['FRA:MAG:1', 'FRA:MAG:2', 'BEL/3', 'ESP 4', '*'];
const iso = (ms: number) => new Date(ms).toISOString();

/** The answer the model expects for one article, restricted to `codes` when given. */
function expectedArticle(figures: Figures, capacities: Map<string, ModelCapacity>, artGuid: string, codes?: string[]) {
  const article = figures.articles.get(artGuid.toLowerCase());
  if (!article) return { artGuid: artGuid.toLowerCase(), reservedQty: 0, origins: [] };
  return {
    artGuid: article.artGuid,
    reservedQty: article.reservedQty,
    origins: article.origins
      .filter((o) => codes === undefined || codes.includes(o.code))
      .map((o) => {
        const { articles: _, ...totals } = figures.origins.get(o.code)!;
        const capacity = capacities.get(o.code) ?? null;
        return { code: o.code, qty: o.qty, capacity, saturation: saturationOf(capacity, totals), ...untracked };
      }),
  };
}

async function query(t: number, body: unknown) {
  return svc.call('POST', `/${t}/reservations/query`, body);
}

describe('POST /{t}/reservations/query', () => {
  const t = newTenantId();
  const model = new TenantModel(t);
  const r = prng(SEED);
  const articles = Array.from({ length: 12 }, () => r.guid());
  const capacities = new Map<string, ModelCapacity>([
    ['FRA:MAG:1', { maxQty: 40, maxLines: null, maxOrders: null }],
    ['BEL/3', { maxQty: 1000, maxLines: 5, maxOrders: 100 }],
  ]);

  beforeAll(async () => {
    for (let i = 0; i < 40; i++) {
      const order: ModelOrder = {
        orderId: r.guid(),
        tenantId: t,
        lastUpdated: iso(now - i * 1000),
        type: r.pick(['Order', 'Cart', 'ExternalOrder'] as const),
        // Articles 10 and 11 are never ordered; some orders expire within a minute.
        lines: Array.from({ length: r.int(1, 4) }, () => ({
          code: r.pick(CODES),
          artGuid: r.pick(articles.slice(0, 10)),
          qty: r.int(1, 20),
        })),
        ...(i % 5 === 0 ? { expiresAt: iso(now + 60_000) } : {}),
      };
      model.upsert(order, now);
      expect((await svc.call('POST', `/${t}/order`, order)).status).toBe(200);
    }
    for (const [code, capacity] of capacities) {
      expect((await svc.call('PUT', `/${t}/stock-origins/${codePath(code)}/capacity`, capacity)).status).toBe(200);
    }
  });

  it(
    'answers every article in the order asked, those reserved nowhere with zeros, each origin ' + 'with its capacity and saturation',
    async () => {
      const asked = [articles[11]!, articles[3]!, articles[0]!, articles[10]!, articles[7]!.toUpperCase(), newGuid(), articles[5]!];
      const res = await query(t, { artGuids: asked });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const figures = figuresOf(model.liveOrders(now));
      expect(res.body).toEqual({ articles: asked.map((a) => expectedArticle(figures, capacities, a)) });
      expect(res.body.articles[0]).toEqual({ artGuid: articles[11], reservedQty: 0, origins: [] });
      // Each article's answer is what GET /articles/{artGuid} says.
      for (const a of articles)
        expect((await query(t, { artGuids: [a] })).body.articles[0]).toEqual((await svc.call('GET', `/${t}/articles/${a}`)).body);
    },
  );

  it("restricts each article's origins to `codes`, its total staying the units reserved anywhere", async () => {
    const figures = figuresOf(model.liveOrders(now));
    for (const codes of [['FRA:MAG:1'], ['BEL/3', '*', 'NOWHERE'], ['NOWHERE'], CODES]) {
      const res = await query(t, { artGuids: articles, codes });
      expect(res.status).toBe(200);
      expect(res.body, JSON.stringify(codes)).toEqual({ articles: articles.map((a) => expectedArticle(figures, capacities, a, codes)) });
    }
    // An article reserved elsewhere only: its total, no origin.
    const onlyElsewhere = articles
      .slice(0, 10)
      .find((a) => figures.articles.get(a) && !figures.articles.get(a)!.origins.some((o) => o.code === 'FRA:MAG:1'));
    if (onlyElsewhere) {
      const [answer] = (await query(t, { artGuids: [onlyElsewhere], codes: ['FRA:MAG:1'] })).body.articles;
      expect(answer).toEqual({ artGuid: onlyElsewhere, reservedQty: figures.articles.get(onlyElsewhere)!.reservedQty, origins: [] });
    }
  });

  it('counts no order whose expiry has passed', async () => {
    const before = figuresOf(model.liveOrders(now));
    now += 60_000;
    const figures = figuresOf(model.liveOrders(now));
    expect(figures, 'orders expired by the clock').not.toEqual(before);
    const res = await query(t, { artGuids: articles });
    expect(res.body).toEqual({ articles: articles.map((a) => expectedArticle(figures, capacities, a)) });
  });

  it('takes 1000 articles and 1000 codes, and refuses more', async () => {
    const figures = figuresOf(model.liveOrders(now));
    const many = [...articles.slice(0, 10), ...Array.from({ length: 990 }, () => newGuid())];
    const codes = [...CODES, ...Array.from({ length: 995 }, (_, i) => `C${i}`)];
    const res = await query(t, { artGuids: many, codes });
    expect(res.status).toBe(200);
    expect(res.body.articles).toHaveLength(1000);
    expect(res.body).toEqual({ articles: many.map((a) => expectedArticle(figures, capacities, a, codes)) });

    const refused = async (body: unknown, field: string) => {
      const answer = await query(t, body);
      expect(answer.status, `${field}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      expect(answer.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    };
    await refused({ artGuids: [...many, newGuid()] }, 'artGuids');
    await refused({ artGuids: articles, codes: [...codes, 'ONE-MORE'] }, 'codes');
    await refused({ artGuids: [] }, 'artGuids');
    await refused({ artGuids: articles, codes: [] }, 'codes');
    await refused({}, 'artGuids');
    await refused({ artGuids: [articles[0], 'not-a-guid'] }, 'artGuids[1]');
    await refused({ artGuids: [articles[0], articles[0]!.toUpperCase()] }, 'artGuids');
    await refused({ artGuids: articles, codes: ['A', 'A'] }, 'codes');
    await refused({ artGuids: articles, codes: ['A', 'B\u0000'] }, 'codes[1]');
    await refused({ artGuids: articles, codes: ['x'.repeat(129)] }, 'codes[0]');
    await refused({ artGuids: 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460' }, 'artGuids');
    const notObject = await query(t, [articles[0]]);
    expect(notObject.status).toBe(400);
  });
});
