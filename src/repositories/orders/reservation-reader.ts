import type { ReservationReader } from '../../domain/ports.js';
import {
  emptyArticle,
  sortArticles,
  sortOrigins,
  sortStockOrigins,
  type ArticleReservation,
  type StockOriginReservation,
  type StockOriginTotals,
} from '../../domain/reservation.js';
import { getArticleScript } from '../redis-scripts/get-article.js';
import { getStockOriginScript } from '../redis-scripts/get-stock-origin.js';
import { listStockOriginsScript } from '../redis-scripts/list-stock-origins.js';
import type { RedisLike } from '../redis-scripts/lua-script.js';
import { withRedis } from '../redis-client.js';
import type { ChangeTokens } from './change-tokens.js';
import type { TenantGenerations } from './generations.js';

/** The reservation figures, read as the scripts keep them (expired orders purged first). */
export class RedisReservationReader implements ReservationReader {
  private readonly scripts;

  constructor(
    redis: RedisLike,
    private readonly generations: TenantGenerations,
    private readonly tokens: ChangeTokens,
  ) {
    this.scripts = { origin: getStockOriginScript(redis), origins: listStockOriginsScript(redis), article: getArticleScript(redis) };
  }

  getStockOrigin(tenantId: number, code: string, now: number): Promise<StockOriginReservation> {
    return withRedis(async () => {
      const token = this.tokens.next();
      const figures = await this.generations.atVisible(tenantId, (keys) => this.scripts.origin(keys, code, now, token));
      const { reservedQty, lineCount, orderCount, articles } = figures;
      return { code, reservedQty, lineCount, orderCount, articles: sortArticles(articles.map(([artGuid, qty]) => ({ artGuid, qty }))) };
    });
  }

  listStockOrigins(tenantId: number, now: number, limit: number): Promise<{ total: number; origins: StockOriginTotals[] }> {
    return withRedis(async () => {
      const token = this.tokens.next();
      const origins = await this.generations.atVisible(tenantId, (keys) => this.scripts.origins(keys, now, token));
      return { total: origins.length, origins: sortStockOrigins(origins).slice(0, limit) };
    });
  }

  getArticle(tenantId: number, artGuid: string, now: number): Promise<ArticleReservation> {
    return withRedis(async () => {
      const token = this.tokens.next();
      const origins = await this.generations.atVisible(tenantId, (keys) => this.scripts.article(keys, artGuid, now, token));
      const article = emptyArticle(artGuid);
      article.origins = sortOrigins(origins.map(([code, qty]) => ({ code, qty })));
      article.reservedQty = article.origins.reduce((sum, o) => sum + o.qty, 0);
      return article;
    });
  }
}
