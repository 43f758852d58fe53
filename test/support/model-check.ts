/**
 * Reads a tenant back through the public HTTP API and compares every answer with the client-side
 * model (figures-model.ts): each order (exact body, or 404) and each figure (the origin list, each
 * origin, each article), exactly.
 */
import { expect } from 'vitest';
import {
  articleOf,
  listingOf,
  originListOf,
  originOf,
  summaryOf,
  type Figures,
  type ModelFilter,
  type ModelOrder,
} from './figures-model.js';
import type { TestResponse } from './harness.js';

/** Anything that calls the API with the admin key: an in-process TestService or a Replica. */
export interface ApiCaller {
  call<T = any>(method: string, path: string, body?: unknown): Promise<TestResponse<T>>;
}

export const codePath = (code: string) => encodeURIComponent(code);

export async function expectOrder(api: ApiCaller, tenantId: number, orderId: string, expected: ModelOrder | undefined, context = '') {
  const res = await api.call('GET', `/${tenantId}/order/${orderId}`);
  if (expected === undefined) expect(res.status, `${context} GET order ${orderId}: ${JSON.stringify(res.body)}`).toBe(404);
  else expect({ status: res.status, body: res.body }, `${context} GET order ${orderId}`).toEqual({ status: 200, body: expected });
}

/**
 * Every figure of the tenant against the model's. `codes` and `articles` name what to read one by
 * one besides those the model has figures for (origins and articles that must read as zeros).
 */
export async function expectFigures(
  api: ApiCaller,
  tenantId: number,
  figures: Figures,
  known: { codes: Iterable<string>; articles: Iterable<string> },
  context = '',
) {
  const list = await api.call('GET', `/${tenantId}/stock-origins?limit=10000`);
  expect(list.body, `${context} GET /stock-origins`).toEqual(originListOf(figures, 10_000));
  const codes = new Set([...known.codes, ...figures.origins.keys()]);
  for (const code of codes) {
    const res = await api.call('GET', `/${tenantId}/stock-origins/${codePath(code)}`);
    expect(res.body, `${context} GET /stock-origins/${code}`).toEqual(originOf(figures, code));
  }
  const articles = new Set([...known.articles, ...figures.articles.keys()]);
  for (const artGuid of articles) {
    const res = await api.call('GET', `/${tenantId}/articles/${artGuid}`);
    expect(res.body, `${context} GET /articles/${artGuid}`).toEqual(articleOf(figures, artGuid));
  }
}

/** A filter of GET /{t}/orders as its query string. */
export function queryOf(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  return q.toString();
}

/**
 * Walks every page of a listing (`path` with its query, without limit and cursor), `limit` orders
 * per page, from the start or from cursor `from`, and answers the orders in the order listed and
 * how many pages it took.
 */
export async function walkListing(
  api: ApiCaller,
  path: string,
  limit: number,
  options: { from?: string; maxPages?: number } = {},
): Promise<{ orders: any[]; pages: number }> {
  const maxPages = options.maxPages ?? 10_000;
  const orders: any[] = [];
  let cursor: string | null = options.from ?? null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await api.call('GET', `${path}${sep}${queryOf({ limit, cursor: cursor ?? undefined })}`);
    expect(res.status, `GET ${path} page ${pages + 1}: ${JSON.stringify(res.body)}`).toBe(200);
    expect(res.body.orders.length, `GET ${path} page ${pages + 1}`).toBeLessThanOrEqual(limit);
    orders.push(...res.body.orders);
    cursor = res.body.nextCursor;
    pages += 1;
    if (pages > maxPages) throw new Error(`GET ${path}: more than ${maxPages} pages`);
  } while (cursor !== null);
  return { orders, pages };
}

/** The ids listed more than once. */
export function duplicates(orders: { orderId: string }[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const { orderId } of orders) (seen.has(orderId) ? twice : seen).add(orderId);
  return [...twice];
}

/** What GET /{t}/summary answers, compared with the model's figures (pendingChanges and lastSync aside). */
export async function expectSummary(api: ApiCaller, tenantId: number, expected: object, context = '') {
  const res = await api.call('GET', `/${tenantId}/summary`);
  expect(res.status, `${context} GET /summary`).toBe(200);
  const { pendingChanges, lastSync, ...figures } = res.body;
  expect(figures, `${context} GET /summary`).toEqual(expected);
  expect(pendingChanges, `${context} GET /summary pendingChanges`).toEqual(expect.any(Number));
  return { pendingChanges, lastSync };
}

/**
 * The tenant's indexes and counters against the model: GET /summary, and GET /orders filtered by
 * each code, article and type (walked a few orders per page), list exactly the model's orders.
 */
export async function expectIndexes(
  api: ApiCaller,
  tenantId: number,
  liveOrders: ModelOrder[],
  now: number,
  known: { codes: Iterable<string>; articles: Iterable<string>; types?: Iterable<ModelOrder['type']> },
  context = '',
) {
  await expectSummary(api, tenantId, summaryOf(liveOrders, now), context);
  const filters: ModelFilter[] = [
    {},
    ...[...known.codes].map((code) => ({ code })),
    ...[...known.articles].map((artGuid) => ({ artGuid })),
    ...[...(known.types ?? (['Order', 'Cart', 'ExternalOrder'] as const))].map((type) => ({ type })),
  ];
  for (const filter of filters) {
    const { orders } = await walkListing(api, `/${tenantId}/orders?${queryOf({ ...filter })}`, 7);
    expect(orders, `${context} GET /orders ${JSON.stringify(filter)}`).toEqual(listingOf(liveOrders, filter));
  }
}

/** POST /admin/reconcile in a dry run finds nothing to repair for the tenant. */
export async function expectNoDrift(api: ApiCaller, tenantId: number, context = '') {
  const res = await api.call('POST', '/admin/reconcile', { tenantId, dryRun: true });
  expect(res.status, `${context} POST /admin/reconcile`).toBe(200);
  expect(res.body.tenants, `${context} POST /admin/reconcile`).toEqual([
    expect.objectContaining({ tenantId, status: 'consistent', driftCount: 0, drift: [] }),
  ]);
}
