/**
 * Reads a tenant back through the public HTTP API and compares every answer with the client-side
 * model (figures-model.ts): each order (exact body, or 404) and each figure (the origin list, each
 * origin, each article), exactly.
 */
import { expect } from 'vitest';
import { articleOf, originListOf, originOf, type Figures, type ModelOrder } from './figures-model.js';
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
