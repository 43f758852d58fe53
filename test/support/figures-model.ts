/**
 * The client's model of one tenant: what each order must be, and what every reservation figure
 * must say, derived from the contract (docs/api.md, "Orders", "Reservations") by code written for the
 * tests. Nothing here imports src/: a test compares the service with this model, never with the
 * service's own arithmetic.
 *
 * The rules it follows, as the API documents them:
 * - an order whose `expiresAt` is at or before `now` does not exist (reads 404, reserves nothing);
 * - POST creates (answers true) when no live order has the id, else redefines (false), unless the
 *   stored order's `lastUpdated` is later (409, nothing changes); an order already expired on
 *   arrival removes the stored one and stores nothing;
 * - DELETE answers whether a live order was there; DELETE .../code/{code} removes that origin's
 *   lines (the order goes when none is left) and answers whether a live order was there;
 * - PUT /orders makes the live orders of the body the whole set.
 * Figures: per origin the units, lines and orders reserved there and the units per article; per
 * article the units per origin; lists most reserved first, ties by identifier.
 */

export interface ModelLine {
  code: string;
  artGuid: string;
  qty: number;
}

export interface ModelOrder {
  orderId: string;
  tenantId: number;
  lastUpdated: string;
  expiresAt?: string;
  type: 'Order' | 'Cart' | 'ExternalOrder';
  lines: ModelLine[];
}

export interface OriginFigures {
  code: string;
  reservedQty: number;
  lineCount: number;
  orderCount: number;
  articles: { artGuid: string; qty: number }[];
}

export type OriginTotals = Omit<OriginFigures, 'articles'>;

export interface ArticleFigures {
  artGuid: string;
  reservedQty: number;
  origins: { code: string; qty: number }[];
}

export interface Figures {
  origins: Map<string, OriginFigures>;
  articles: Map<string, ArticleFigures>;
}

/** The answer the API must give: a status and, for 200, its body. */
export type ExpectedAnswer = { status: 200; body: unknown } | { status: 409 };

const instant = (iso: string) => Date.parse(iso);

/** Identifiers compare as JavaScript strings do (UTF-16 code units): the tie-break of every list. */
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Most reserved first, ties by identifier. */
function ranked<T>(list: T[], qty: (x: T) => number, id: (x: T) => string): T[] {
  return [...list].sort((a, b) => qty(b) - qty(a) || byId(id(a), id(b)));
}

export function isLive(order: ModelOrder, now: number): boolean {
  return order.expiresAt === undefined || instant(order.expiresAt) > now;
}

/** Every figure the live orders add up to. */
export function figuresOf(orders: Iterable<ModelOrder>): Figures {
  const totals = new Map<string, { reservedQty: number; lineCount: number; orderCount: number }>();
  const units = new Map<string, Map<string, number>>(); // code -> artGuid -> qty
  for (const order of orders) {
    const codesOfOrder = new Set<string>();
    for (const line of order.lines) {
      const total = totals.get(line.code) ?? { reservedQty: 0, lineCount: 0, orderCount: 0 };
      total.reservedQty += line.qty;
      total.lineCount += 1;
      if (!codesOfOrder.has(line.code)) total.orderCount += 1;
      codesOfOrder.add(line.code);
      totals.set(line.code, total);
      const perArticle = units.get(line.code) ?? new Map<string, number>();
      perArticle.set(line.artGuid, (perArticle.get(line.artGuid) ?? 0) + line.qty);
      units.set(line.code, perArticle);
    }
  }
  const origins = new Map<string, OriginFigures>();
  const articleUnits = new Map<string, { code: string; qty: number }[]>();
  for (const [code, total] of totals) {
    const articles = [...units.get(code)!].map(([artGuid, qty]) => ({ artGuid, qty }));
    origins.set(code, {
      code,
      ...total,
      articles: ranked(
        articles,
        (a) => a.qty,
        (a) => a.artGuid,
      ),
    });
    for (const { artGuid, qty } of articles) {
      const list = articleUnits.get(artGuid) ?? [];
      list.push({ code, qty });
      articleUnits.set(artGuid, list);
    }
  }
  const articles = new Map<string, ArticleFigures>();
  for (const [artGuid, list] of articleUnits) {
    articles.set(artGuid, {
      artGuid,
      reservedQty: list.reduce((sum, o) => sum + o.qty, 0),
      origins: ranked(
        list,
        (o) => o.qty,
        (o) => o.code,
      ),
    });
  }
  return { origins, articles };
}

/**
 * The views below are those of a tenant whose origins have no capacity: each origin in them also
 * says `capacity: null, saturation: null`.
 */
const noCapacity = { capacity: null, saturation: null } as const;
/** And no stock level: an article at an origin says `onHand: null, available: null`. */
export const untracked = { onHand: null, available: null } as const;

/** What GET /{t}/stock-origins?limit=… answers. */
export function originListOf(figures: Figures, limit = 1000): { total: number; origins: (OriginTotals & typeof noCapacity)[] } {
  const all = [...figures.origins.values()].map(({ articles: _, ...totals }) => ({ ...totals, ...noCapacity }));
  return {
    total: all.length,
    origins: ranked(
      all,
      (o) => o.reservedQty,
      (o) => o.code,
    ).slice(0, limit),
  };
}

/** What GET /{t}/stock-origins/{code} answers: zeros and an empty list where nothing is reserved. */
export function originOf(figures: Figures, code: string): OriginFigures & typeof noCapacity {
  const { articles, ...totals } = figures.origins.get(code) ?? { code, reservedQty: 0, lineCount: 0, orderCount: 0, articles: [] };
  return { ...totals, ...noCapacity, articles: articles.map((a) => ({ ...a, ...untracked })) };
}

/** What GET /{t}/articles/{artGuid} answers. */
export function articleOf(figures: Figures, artGuid: string): ArticleFigures {
  const article = figures.articles.get(artGuid) ?? { artGuid, reservedQty: 0, origins: [] };
  return { ...article, origins: article.origins.map((o) => ({ ...o, ...noCapacity, ...untracked })) };
}

const copy = (order: ModelOrder): ModelOrder => structuredClone(order);

/** One tenant's orders as the client knows them from the answers it got. */
export class TenantModel {
  /** Orders as stored; one whose expiresAt has passed counts as absent. */
  private readonly stored = new Map<string, ModelOrder>();

  constructor(readonly tenantId: number) {}

  private live(orderId: string, now: number): ModelOrder | undefined {
    const order = this.stored.get(orderId);
    if (order && !isLive(order, now)) {
      this.stored.delete(orderId);
      return undefined;
    }
    return order;
  }

  /** The order GET must answer, or undefined for 404. */
  get(orderId: string, now: number): ModelOrder | undefined {
    const order = this.live(orderId, now);
    return order && copy(order);
  }

  liveOrders(now: number): ModelOrder[] {
    return [...this.stored.keys()].map((id) => this.live(id, now)).filter((o): o is ModelOrder => o !== undefined);
  }

  /** Every figure the live orders add up to. */
  figures(now: number): Figures {
    return figuresOf(this.liveOrders(now));
  }

  /** POST /{t}/order. */
  upsert(order: ModelOrder, now: number): ExpectedAnswer {
    const current = this.live(order.orderId, now);
    if (current && instant(current.lastUpdated) > instant(order.lastUpdated)) return { status: 409 };
    if (isLive(order, now)) this.stored.set(order.orderId, copy(order));
    else this.stored.delete(order.orderId);
    return { status: 200, body: current === undefined };
  }

  /** DELETE /{t}/order/byid/{orderId}. */
  delete(orderId: string, now: number): ExpectedAnswer {
    const current = this.live(orderId, now);
    this.stored.delete(orderId);
    return { status: 200, body: current !== undefined };
  }

  /** DELETE /{t}/order/byid/{orderId}/code/{code}. */
  deleteLinesAt(orderId: string, code: string, now: number): ExpectedAnswer {
    const current = this.live(orderId, now);
    if (!current) return { status: 200, body: false };
    const kept = current.lines.filter((line) => line.code !== code);
    if (kept.length === 0) this.stored.delete(orderId);
    else current.lines = kept;
    return { status: 200, body: true };
  }

  /** POST /{t}/shipments: each item as DELETE .../code/{code}, one after the other; the answers. */
  ship(items: { orderId: string; code: string }[], now: number): boolean[] {
    return items.map(({ orderId, code }) => (this.deleteLinesAt(orderId, code, now) as { body: boolean }).body);
  }

  /** PUT /{t}/orders: answers the orderCount and removedCount the service must report. */
  replaceAll(orders: ModelOrder[], now: number): { orderCount: number; removedCount: number } {
    const before = this.liveOrders(now).map((o) => o.orderId);
    const incoming = new Set(orders.map((o) => o.orderId));
    this.stored.clear();
    for (const order of orders) if (isLive(order, now)) this.stored.set(order.orderId, copy(order));
    return { orderCount: this.stored.size, removedCount: before.filter((id) => !incoming.has(id)).length };
  }
}

/** The filters of GET /{t}/orders (docs/api.md, "Order search"): every one given must hold. */
export interface ModelFilter {
  code?: string;
  artGuid?: string;
  type?: ModelOrder['type'];
  /** Orders whose expiresAt is strictly before this instant (orders without one never match). */
  expiresBefore?: string;
  /** Orders whose lastUpdated is at or after this instant. */
  updatedSince?: string;
}

export function matchesFilter(order: ModelOrder, filter: ModelFilter): boolean {
  if (filter.code !== undefined && !order.lines.some((l) => l.code === filter.code)) return false;
  const artGuid = filter.artGuid?.toLowerCase();
  if (artGuid !== undefined && !order.lines.some((l) => l.artGuid === artGuid)) return false;
  if (filter.type !== undefined && order.type !== filter.type) return false;
  if (filter.expiresBefore !== undefined && !(order.expiresAt !== undefined && instant(order.expiresAt) < instant(filter.expiresBefore)))
    return false;
  if (filter.updatedSince !== undefined && instant(order.lastUpdated) < instant(filter.updatedSince)) return false;
  return true;
}

/**
 * What walking every page of GET /{t}/orders with `filter` lists when nothing is written meanwhile:
 * the live orders that match, in the order the API documents: by orderId, except when the only
 * filters are dates (then by that date, then orderId; with both dates the service picks either).
 */
export function listingOf(orders: Iterable<ModelOrder>, filter: ModelFilter): ModelOrder[] {
  const matching = [...orders].filter((o) => matchesFilter(o, filter));
  const byOrderId = (a: ModelOrder, b: ModelOrder) => byId(a.orderId, b.orderId);
  const dateOnly = filter.code === undefined && filter.artGuid === undefined && filter.type === undefined;
  if (dateOnly && filter.updatedSince !== undefined && filter.expiresBefore === undefined) {
    return matching.sort((a, b) => instant(a.lastUpdated) - instant(b.lastUpdated) || byOrderId(a, b));
  }
  if (dateOnly && filter.expiresBefore !== undefined && filter.updatedSince === undefined) {
    return matching.sort((a, b) => instant(a.expiresAt!) - instant(b.expiresAt!) || byOrderId(a, b));
  }
  return matching.sort(byOrderId);
}

/** What GET /{t}/summary answers (but pendingChanges and lastSync, which depend on syncs). */
export interface ModelSummary {
  orders: number;
  carts: number;
  externalOrders: number;
  lines: number;
  reservedQty: number;
  origins: number;
  articles: number;
  expiringWithinHour: number;
}

export function summaryOf(liveOrders: Iterable<ModelOrder>, now: number): ModelSummary {
  const list = [...liveOrders];
  const codes = new Set<string>();
  const articles = new Set<string>();
  let lines = 0;
  let units = 0;
  for (const order of list) {
    for (const line of order.lines) {
      codes.add(line.code);
      articles.add(line.artGuid);
      lines += 1;
      units += line.qty;
    }
  }
  const count = (type: ModelOrder['type']) => list.filter((o) => o.type === type).length;
  return {
    orders: count('Order'),
    carts: count('Cart'),
    externalOrders: count('ExternalOrder'),
    lines,
    reservedQty: units,
    origins: codes.size,
    articles: articles.size,
    // "within the next hour": expiresAt in (now, now + 1 h], the hour's end included.
    expiringWithinHour: list.filter((o) => o.expiresAt !== undefined && instant(o.expiresAt) <= now + 3_600_000).length,
  };
}

/** A stock origin's capacity (PUT /{t}/stock-origins/{code}/capacity): null means no limit. */
export interface ModelCapacity {
  maxQty: number | null;
  maxLines: number | null;
  maxOrders: number | null;
}

/** The largest of units/maxQty, lines/maxLines, orders/maxOrders among the limits set; null without any. */
export function saturationOf(capacity: ModelCapacity | null | undefined, totals: Omit<OriginTotals, 'code'>): number | null {
  if (!capacity) return null;
  const ratios: number[] = [];
  if (capacity.maxQty !== null) ratios.push(totals.reservedQty / capacity.maxQty);
  if (capacity.maxLines !== null) ratios.push(totals.lineCount / capacity.maxLines);
  if (capacity.maxOrders !== null) ratios.push(totals.orderCount / capacity.maxOrders);
  return ratios.length === 0 ? null : Math.max(...ratios);
}

/**
 * What GET /{t}/stock-origins answers with capacities: origins with a capacity first (those with
 * nothing reserved with zeros), most saturated first; then the others, most reserved first; ties by
 * units, then code.
 */
export function originListWithCapacities(figures: Figures, capacities: Map<string, ModelCapacity>, limit = 1000) {
  const totals = new Map<string, OriginTotals>();
  for (const { articles: _, ...t } of figures.origins.values()) totals.set(t.code, t);
  for (const code of capacities.keys()) if (!totals.has(code)) totals.set(code, { code, reservedQty: 0, lineCount: 0, orderCount: 0 });
  const all = [...totals.values()].map((t) => {
    const capacity = capacities.get(t.code) ?? null;
    return { ...t, capacity, saturation: saturationOf(capacity, t) };
  });
  const withCap = all
    .filter((o) => o.saturation !== null)
    .sort((a, b) => b.saturation! - a.saturation! || b.reservedQty - a.reservedQty || byId(a.code, b.code));
  const without = ranked(
    all.filter((o) => o.saturation === null),
    (o) => o.reservedQty,
    (o) => o.code,
  );
  return { total: all.length, origins: [...withCap, ...without].slice(0, limit) };
}

/** A threshold crossed between two saturations, as a stock_origin.saturation event tells it. */
export interface Crossing {
  threshold: number;
  direction: 'up' | 'down';
}

/**
 * The thresholds crossed from saturation s0 to s1, in the order they are crossed. Reaching a
 * threshold is crossing it upward; falling below it, downward. No saturation counts as 0 when a
 * capacity is set or removed.
 */
export function crossings(thresholds: number[], s0: number, s1: number): Crossing[] {
  const up = thresholds.filter((t) => s0 < t && s1 >= t).map((threshold) => ({ threshold, direction: 'up' as const }));
  const down = thresholds.filter((t) => s1 < t && s0 >= t).map((threshold) => ({ threshold, direction: 'down' as const }));
  return [...up.sort((a, b) => a.threshold - b.threshold), ...down.sort((a, b) => b.threshold - a.threshold)];
}
