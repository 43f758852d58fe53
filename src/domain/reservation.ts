import { saturationOf, type StockOriginCapacity } from './capacity.js';
import type { Order } from './order.js';

/**
 * What a reservation is: the quantity of an article that orders in progress hold at a stock
 * origin. Every write keeps these figures; `computeReservations` is their definition (the
 * self-check recomputes them the same way, in Redis).
 */
export interface StockOriginTotals {
  code: string;
  /** Units reserved there. */
  reservedQty: number;
  /** Order lines to ship from there. */
  lineCount: number;
  /** Orders with a line there. */
  orderCount: number;
}

/** How full an origin is: its capacity (null: none set) and its saturation (null: no capacity). */
export interface OriginLoad {
  capacity: StockOriginCapacity | null;
  saturation: number | null;
}

/** What is on the shelf where a pair is tracked (null, both, when it is not): onHand, and onHand - reserved. */
export interface PairAvailability {
  onHand: number | null;
  available: number | null;
}

export function availabilityOf(reserved: number, level: { onHand: number } | null): PairAvailability {
  return level ? { onHand: level.onHand, available: level.onHand - reserved } : { onHand: null, available: null };
}

export interface StockOriginReservation extends StockOriginTotals, OriginLoad {
  /** One page of them. */
  articles: ({ artGuid: string; qty: number } & PairAvailability)[];
  /** Present when more articles follow. */
  nextCursor?: string;
}

export type StockOriginListItem = StockOriginTotals & OriginLoad;

export interface ArticleReservation {
  artGuid: string;
  reservedQty: number;
  /** Where it is reserved or tracked (an origin with stock and nothing reserved has qty 0). */
  origins: ({ code: string; qty: number } & OriginLoad & PairAvailability)[];
}

export interface Reservations {
  origins: Map<string, StockOriginTotals & { articles: { artGuid: string; qty: number }[] }>;
  articles: Map<string, { artGuid: string; reservedQty: number; origins: { code: string; qty: number }[] }>;
}

/** An origin's totals with its load. */
export function withLoad<T extends StockOriginTotals>(totals: T, capacity: StockOriginCapacity | null): T & OriginLoad {
  return { ...totals, capacity, saturation: saturationOf(capacity, totals) };
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
      if (!total) {
        total = { code: line.code, reservedQty: 0, lineCount: 0, orderCount: 0 };
        totals.set(line.code, total);
      }
      total.reservedQty += line.qty;
      total.lineCount += 1;
      if (!seen.has(line.code)) {
        seen.add(line.code);
        total.orderCount += 1;
      }
      let articles = originArticles.get(line.code);
      if (!articles) {
        articles = new Map();
        originArticles.set(line.code, articles);
      }
      articles.set(line.artGuid, (articles.get(line.artGuid) ?? 0) + line.qty);
    }
  }
  const origins: Reservations['origins'] = new Map();
  const articles: Reservations['articles'] = new Map();
  for (const [code, total] of totals) {
    const list = [...originArticles.get(code)!].map(([artGuid, qty]) => ({ artGuid, qty }));
    origins.set(code, { ...total, articles: sortArticles(list) });
    for (const { artGuid, qty } of list) {
      let article = articles.get(artGuid);
      if (!article) {
        article = { artGuid, reservedQty: 0, origins: [] };
        articles.set(artGuid, article);
      }
      article.reservedQty += qty;
      article.origins.push({ code, qty });
    }
  }
  for (const article of articles.values()) article.origins = sortOrigins(article.origins);
  return { origins, articles };
}

/** Most reserved first, then by identifier, so answers are stable. */
export function sortArticles<T extends { artGuid: string; qty: number }>(list: T[]): T[] {
  return list.sort((a, b) => byQtyDesc(a, b) || (a.artGuid < b.artGuid ? -1 : 1));
}

export function sortOrigins<T extends { code: string; qty: number }>(list: T[]): T[] {
  return list.sort((a, b) => byQtyDesc(a, b) || (a.code < b.code ? -1 : 1));
}

/**
 * The ranking of GET /stock-origins: origins with a capacity first, most saturated first; then
 * those without, most reserved units first; ties by code, so answers are stable.
 */
export function rankStockOrigins<T extends StockOriginTotals & OriginLoad>(list: T[]): T[] {
  return list.sort((a, b) => {
    if (a.saturation !== null || b.saturation !== null) {
      if (a.saturation === null) return 1;
      if (b.saturation === null) return -1;
      if (b.saturation !== a.saturation) return b.saturation - a.saturation;
    }
    return b.reservedQty - a.reservedQty || (a.code < b.code ? -1 : 1);
  });
}

/** A tenant's key figures (GET /{tenantId}/summary). */
export interface TenantSummary {
  /** Orders stored, by type. */
  orders: number;
  carts: number;
  externalOrders: number;
  /** Lines and units over all of them. */
  lines: number;
  reservedQty: number;
  /** Stock origins and articles with something reserved. */
  origins: number;
  articles: number;
  expiringWithinHour: number;
  /** Changes the next sync writes to MongoDB. */
  pendingChanges: number;
}

/** The optimizer's batch query: where each article is reserved, at every origin or some. */
export interface ReservationsQuery {
  artGuids: string[];
  /** Only these origins in the answer (null: all). */
  codes: string[] | null;
}
