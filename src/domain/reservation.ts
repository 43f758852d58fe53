import type { Order } from './order.js';

/**
 * What a reservation is: the quantity of an article that orders in progress hold at a stock
 * origin. These figures are maintained by every write; `computeReservations` is their definition,
 * used to check and repair them.
 */
export interface StockOriginReservation {
  code: string;
  reservedQty: number;
  lineCount: number;
  orderCount: number;
  articles: { artGuid: string; qty: number }[];
}

export interface StockOriginTotals {
  code: string;
  reservedQty: number;
  lineCount: number;
  orderCount: number;
}

export interface ArticleReservation {
  artGuid: string;
  reservedQty: number;
  origins: { code: string; qty: number }[];
}

export interface Reservations {
  origins: Map<string, StockOriginReservation>;
  articles: Map<string, ArticleReservation>;
}

export function emptyArticle(artGuid: string): ArticleReservation {
  return { artGuid, reservedQty: 0, origins: [] };
}

const byQtyDesc = <T extends { qty: number }>(a: T, b: T) => b.qty - a.qty;

/** Recomputes every reservation figure from the orders themselves. */
export function computeReservations(orders: Iterable<Order>): Reservations {
  const originArticles = new Map<string, Map<string, number>>();
  const totals = new Map<string, StockOriginTotals>();
  for (const order of orders) {
    const seen = new Set<string>();
    for (const line of order.lines) {
      let total = totals.get(line.code);
      if (!total) totals.set(line.code, (total = { code: line.code, reservedQty: 0, lineCount: 0, orderCount: 0 }));
      total.reservedQty += line.qty;
      total.lineCount += 1;
      if (!seen.has(line.code)) {
        seen.add(line.code);
        total.orderCount += 1;
      }
      let articles = originArticles.get(line.code);
      if (!articles) originArticles.set(line.code, (articles = new Map()));
      articles.set(line.artGuid, (articles.get(line.artGuid) ?? 0) + line.qty);
    }
  }
  const origins = new Map<string, StockOriginReservation>();
  const articles = new Map<string, ArticleReservation>();
  for (const [code, total] of totals) {
    const list = [...originArticles.get(code)!].map(([artGuid, qty]) => ({ artGuid, qty }));
    origins.set(code, { ...total, articles: sortArticles(list) });
    for (const { artGuid, qty } of list) {
      let article = articles.get(artGuid);
      if (!article) articles.set(artGuid, (article = emptyArticle(artGuid)));
      article.reservedQty += qty;
      article.origins.push({ code, qty });
    }
  }
  for (const article of articles.values()) article.origins = sortOrigins(article.origins);
  return { origins, articles };
}

/** Most reserved first, then by identifier, so answers are stable. */
export function sortArticles(list: { artGuid: string; qty: number }[]) {
  return list.sort((a, b) => byQtyDesc(a, b) || (a.artGuid < b.artGuid ? -1 : 1));
}

export function sortOrigins(list: { code: string; qty: number }[]) {
  return list.sort((a, b) => byQtyDesc(a, b) || (a.code < b.code ? -1 : 1));
}

/** Most saturated origin first: the one with the most reserved units. */
export function sortStockOrigins<T extends StockOriginTotals>(list: T[]): T[] {
  return list.sort((a, b) => b.reservedQty - a.reservedQty || (a.code < b.code ? -1 : 1));
}
