import { createRoute, z } from '@hono/zod-openapi';
import { commonErrorResponses } from '../errors.js';
import { ArtGuidParamSchema, CodeParamSchema, jsonResponse, TenantParamSchema } from '../schemas.js';

const tags = ['Reservations'];

const totals = {
  code: z.string().openapi({ example: 'FRA:MAG:0125' }),
  reservedQty: z.number().int().openapi({ description: 'Units reserved by orders in progress.' }),
  lineCount: z.number().int().openapi({ description: 'Order lines reserving at this origin.' }),
  orderCount: z.number().int().openapi({ description: 'Orders with at least one line at this origin.' }),
};

export const StockOriginSchema = z
  .object({
    ...totals,
    articles: z.array(z.object({ artGuid: z.string(), qty: z.number().int() })).openapi({ description: 'Most reserved first.' }),
  })
  .openapi('StockOrigin');

export const StockOriginTotalsSchema = z.object(totals).openapi('StockOriginTotals');

export const StockOriginListSchema = z
  .object({
    total: z.number().int().openapi({ description: 'How many origins have something reserved.' }),
    origins: z.array(StockOriginTotalsSchema).openapi({ description: 'Most saturated (most reserved units) first.' }),
  })
  .openapi('StockOriginList');

export const ArticleSchema = z
  .object({
    artGuid: z.string(),
    reservedQty: z.number().int(),
    origins: z.array(z.object({ code: z.string(), qty: z.number().int() })).openapi({ description: 'Most reserved first.' }),
  })
  .openapi('ArticleReservation');

export const getStockOrigin = createRoute({
  method: 'get',
  path: '/{tenantId}/stock-origins/{code}',
  tags,
  summary: "A stock origin's reservations",
  description: 'Zeros and an empty list for an origin where nothing is reserved.',
  request: { params: TenantParamSchema.extend(CodeParamSchema.shape) },
  responses: { 200: jsonResponse(StockOriginSchema, 'What orders in progress reserve there.'), ...commonErrorResponses },
});

export const listStockOrigins = createRoute({
  method: 'get',
  path: '/{tenantId}/stock-origins',
  tags,
  summary: "Every stock origin of the tenant, most saturated first",
  request: {
    params: TenantParamSchema,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(10_000).default(1000).openapi({ description: 'At most this many origins.' }),
    }),
  },
  responses: { 200: jsonResponse(StockOriginListSchema, 'Origins with their totals.'), ...commonErrorResponses },
});

export const getArticle = createRoute({
  method: 'get',
  path: '/{tenantId}/articles/{artGuid}',
  tags,
  summary: "An article's reservations across stock origins",
  request: { params: TenantParamSchema.extend(ArtGuidParamSchema.shape) },
  responses: { 200: jsonResponse(ArticleSchema, 'Where the article is reserved.'), ...commonErrorResponses },
});
