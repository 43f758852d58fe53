import type { PlanSnapshot, SnapshotRequest } from '../../domain/simulate.js';
import { simulateSnapshotScript } from '../redis-scripts/simulate-snapshot.js';
import type { ReservationReader, TenantSyncReport } from '../../domain/ports.js';
import {
  rankStockOrigins,
  sortArticles,
  sortOrigins,
  withLoad,
  type ArticleReservation,
  type OriginLoad,
  type ReservationsQuery,
  type StockOriginListItem,
  type StockOriginReservation,
  type TenantSummary,
  availabilityOf,
} from '../../domain/reservation.js';
import { getStockOriginScript } from '../redis-scripts/get-stock-origin.js';
import { listStockOriginsScript } from '../redis-scripts/list-stock-origins.js';
import type { RedisLike } from '../redis-scripts/lua-script.js';
import { queryReservationsScript } from '../redis-scripts/query-reservations.js';
import { tenantSummaryScript } from '../redis-scripts/tenant-summary.js';
import { withRedis } from '../redis-client.js';
import type { ChangeTokens } from './change-tokens.js';
import type { TenantGenerations } from './generations.js';
import type { OrderKeys } from '../keys.js';
import type { Moved, WriteContext } from '../redis-scripts/order-script.js';
import { writeContext, type OrderStoreSettings } from './order-store.js';

/** The reservation figures and the tenant's counters, read as the scripts keep them, once expired orders are purged (afterPurge). */
export class RedisReservationReader implements ReservationReader {
  private readonly scripts;

  constructor(
    redis: RedisLike,
    private readonly generations: TenantGenerations,
    private readonly tokens: ChangeTokens,
    private readonly settings: OrderStoreSettings,
  ) {
    this.scripts = {
      origin: getStockOriginScript(redis),
      origins: listStockOriginsScript(redis),
      query: queryReservationsScript(redis),
      summary: tenantSummaryScript(redis),
      snapshot: simulateSnapshotScript(redis),
    };
  }

  /**
   * Every read of this reader purges the tenant's orders past their expiry first, in the same
   * script (includes/purge-due.lua), so that no figure counts them: a write, with a change token
   * and events, hence a write's context. The one place that says so.
   */
  private afterPurge<T>(tenantId: number, now: number, read: (keys: OrderKeys, context: WriteContext) => Promise<T | Moved>): Promise<T> {
    return withRedis(() => {
      const context = writeContext(this.tokens, this.settings, tenantId, now);
      return this.generations.atVisible(tenantId, (keys) => read(keys, context));
    });
  }

  planSnapshot(tenantId: number, request: SnapshotRequest, now: number): Promise<PlanSnapshot> {
    return this.afterPurge(tenantId, now, (keys, context) => this.scripts.snapshot(keys, context, request));
  }

  async getStockOrigin(
    tenantId: number,
    code: string,
    now: number,
    page?: { cursor: string | null; limit: number },
  ): Promise<StockOriginReservation> {
    const figures = await this.afterPurge(tenantId, now, (keys, context) => this.scripts.origin(keys, context, code, page));
    const { reservedQty, lineCount, orderCount, articles, levels, capacity, nextCursor } = figures;
    return {
      ...withLoad({ code, reservedQty, lineCount, orderCount }, capacity),
      articles: sortArticles(articles.map(([artGuid, qty], i) => ({ artGuid, qty, ...availabilityOf(qty, levels[i] ?? null) }))),
      ...(nextCursor === null ? {} : { nextCursor }),
    };
  }

  async listStockOrigins(tenantId: number, now: number, limit: number): Promise<{ total: number; origins: StockOriginListItem[] }> {
    const origins = await this.afterPurge(tenantId, now, (keys, context) => this.scripts.origins(keys, context));
    const ranked = rankStockOrigins(origins.map(({ capacity, ...totals }) => withLoad(totals, capacity)));
    return { total: ranked.length, origins: ranked.slice(0, limit) };
  }

  getArticle(tenantId: number, artGuid: string, now: number): Promise<ArticleReservation> {
    return this.queryReservations(tenantId, { artGuids: [artGuid], codes: null }, now).then(([article]) => article!);
  }

  /** Where each article is reserved, in the order asked, those reserved nowhere with zeros; one script call. */
  async queryReservations(tenantId: number, query: ReservationsQuery, now: number): Promise<ArticleReservation[]> {
    const answer = await this.afterPurge(tenantId, now, (keys, context) => this.scripts.query(keys, context, query.artGuids, query.codes));
    // Each origin's load once, however many articles it appears under (100 × 50 in one answer).
    const loads = new Map<string, OriginLoad>();
    for (const [code, origin] of answer.origins) {
      const { capacity, saturation } = withLoad(origin, origin.capacity);
      loads.set(code, { capacity, saturation });
    }
    return query.artGuids.map((artGuid, i) => {
      const { total, origins, levels } = answer.articles[i]!;
      return {
        artGuid,
        reservedQty: total,
        origins: sortOrigins(
          origins.map(([code, qty], j) => ({ code, qty, ...loads.get(code)!, ...availabilityOf(qty, levels[j] ?? null) })),
        ),
      };
    });
  }

  async summary(tenantId: number, now: number): Promise<TenantSummary & { lastSync: TenantSyncReport | null }> {
    const counts = await this.afterPurge(tenantId, now, (keys, context) => this.scripts.summary(keys, context));
    const counter = (name: string) => counts.counters.get(name) ?? 0;
    return {
      orders: counter('Order'),
      carts: counter('Cart'),
      externalOrders: counter('ExternalOrder'),
      lines: counter('lines'),
      reservedQty: counter('units'),
      origins: counts.origins,
      articles: counter('articles'),
      expiringWithinHour: counts.expiringWithinHour,
      pendingChanges: counts.pendingChanges,
      lastSync: counts.lastSync ? (JSON.parse(counts.lastSync) as TenantSyncReport) : null,
    };
  }
}
