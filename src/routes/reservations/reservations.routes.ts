import { createRoute, z } from '@hono/zod-openapi';
import { commonErrorResponses, bodyErrorResponses } from '../errors.js';
import { EXAMPLE_ARTICLE, EXAMPLE_CAPACITY, EXAMPLE_SUMMARY } from '../examples.js';
import { CapacitySchema } from '../../schemas/capacity.js';
import { ShortfallSchema } from '../../schemas/shortfall.js';
import {
  ArtGuidParamSchema,
  CodeParamSchema,
  jsonBody,
  jsonResponse,
  OrderLineSchema,
  ScanCursorSchema,
  StockOriginCodeSchema,
  TenantParamSchema,
} from '../schemas.js';

const tags = ['Reservations'];

const load = {
  capacity: CapacitySchema.nullable().openapi({ description: "The origin's capacity; null when none is set." }),
  saturation: z
    .number()
    .nullable()
    .openapi({
      description:
        'The largest of reservedQty/maxQty, lineCount/maxLines, orderCount/maxOrders among the limits set (1: a limit is reached); ' +
        'null without capacity.',
      example: 0.42,
    }),
};

/** An article's stock at an origin (docs/availability.md). */
const availability = {
  onHand: z.number().int().nullable().openapi({ description: 'Units on the shelf there; null when the pair is not tracked.' }),
  available: z
    .number()
    .int()
    .nullable()
    .openapi({ description: 'onHand - qty (negative when more is reserved than is there); null when untracked.' }),
};

const totals = {
  code: z.string().openapi({ example: 'FRA:MAG:0125' }),
  reservedQty: z.number().int().openapi({ description: 'Units reserved by orders in progress.' }),
  lineCount: z.number().int().openapi({ description: 'Order lines reserving at this origin.' }),
  orderCount: z.number().int().openapi({ description: 'Orders with at least one line at this origin.' }),
};

export const StockOriginSchema = z
  .object({
    ...totals,
    ...load,
    articles: z
      .array(z.object({ artGuid: z.string(), qty: z.number().int(), ...availability }))
      .openapi({ description: 'One page of the articles reserved there, most reserved first within the page.' }),
    nextCursor: z.string().optional().openapi({
      description: 'Present when more articles follow: pass it as `cursor` for the next page. A page may be shorter than `limit`.',
    }),
  })
  .openapi('StockOrigin');

export const StockOriginTotalsSchema = z.object({ ...totals, ...load }).openapi('StockOriginTotals');

export const StockOriginListSchema = z
  .object({
    total: z.number().int().openapi({ description: 'How many origins have something reserved or a capacity.' }),
    origins: z.array(StockOriginTotalsSchema).openapi({
      description: 'Origins with a capacity first, most saturated first; then the others, most reserved units first.',
    }),
  })
  .openapi('StockOriginList', {
    example: {
      total: 2,
      origins: [
        { code: 'FRA:MAG:0125', reservedQty: 1, lineCount: 1, orderCount: 1, capacity: EXAMPLE_CAPACITY, saturation: 0.1 },
        { code: 'FRA:MAG:0953', reservedQty: 2, lineCount: 1, orderCount: 1, capacity: null, saturation: null },
      ],
    },
  });

const ArticleOriginSchema = z.object({ code: z.string(), qty: z.number().int(), ...load, ...availability }).openapi('ArticleOrigin');

export const ArticleSchema = z
  .object({
    artGuid: z.string(),
    reservedQty: z.number().int().openapi({ description: 'Units of the article reserved, at every origin.' }),
    origins: z.array(ArticleOriginSchema).openapi({
      description:
        'Where it is reserved or tracked (a stock level): an origin with stock and nothing reserved has qty 0. Most reserved first.',
    }),
  })
  .openapi('ArticleReservation', { example: EXAMPLE_ARTICLE });

export const getStockOrigin = createRoute({
  method: 'get',
  operationId: 'getStockOrigin',
  path: '/{tenantId}/stock-origins/{code}',
  tags,
  summary: "A stock origin's reservations",
  description:
    "Zeros and an empty list for an origin where nothing is reserved. The articles come a page at a time: at most `limit` articles and about 256 KiB; `nextCursor` leads to the next page. The totals are the whole origin's on every page.",
  request: {
    params: TenantParamSchema.extend(CodeParamSchema.shape),
    query: z.object({
      cursor: ScanCursorSchema,
      limit: z.coerce.number().int().min(1).max(5000).default(1000).openapi({ description: 'Articles at most in the page.' }),
    }),
  },
  responses: { 200: jsonResponse(StockOriginSchema, 'What orders in progress reserve there.'), ...commonErrorResponses },
});

export const listStockOrigins = createRoute({
  method: 'get',
  operationId: 'listStockOrigins',
  path: '/{tenantId}/stock-origins',
  tags,
  summary: 'Every stock origin of the tenant, most saturated first',
  description:
    'Origins with a capacity come first, ranked by saturation (highest first), then the origins without a capacity, ranked by ' +
    'reserved units. An origin with a capacity and nothing reserved is listed with zeros.',
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
  operationId: 'getArticle',
  path: '/{tenantId}/articles/{artGuid}',
  tags,
  summary: "An article's reservations across stock origins",
  request: { params: TenantParamSchema.extend(ArtGuidParamSchema.shape) },
  responses: { 200: jsonResponse(ArticleSchema, 'Where the article is reserved.'), ...commonErrorResponses },
});

const uniqueList = <T extends z.ZodType>(item: T, what: string) =>
  z
    .array(item)
    .min(1)
    .max(1000)
    .refine((list) => new Set(list as unknown[]).size === list.length, `must not name the same ${what} twice`);

export const ReservationsQuerySchema = z
  .object({
    artGuids: uniqueList(
      z.guid().transform((g) => g.toLowerCase()),
      'article',
    ).openapi({
      description: 'The articles, 1–1000; the answer lists them in this order.',
      example: ['c420a0b0-fd50-446a-b2e0-18ab3bf4c460', '4128d10e-1594-42a7-8c79-bde5181a20f5'],
    }),
    codes: uniqueList(StockOriginCodeSchema, 'code')
      .optional()
      .openapi({
        description: "Only these stock origins in each article's `origins`, 1–1000 (default: all).",
        example: ['FRA:MAG:0125', 'FRA:MAG:0953'],
      }),
  })
  .openapi('ReservationsQuery');

export const ReservationsAnswerSchema = z
  .object({ articles: z.array(ArticleSchema).openapi({ description: 'In the order asked; an article reserved nowhere has zeros.' }) })
  .openapi('ReservationsAnswer', {
    example: {
      articles: [
        EXAMPLE_ARTICLE,
        { artGuid: '4128d10e-1594-42a7-8c79-bde5181a20f5', reservedQty: 2, origins: [] },
        { artGuid: '0b8f4c52-2d6e-4a3b-9f1e-7c5d3a2b1e0f', reservedQty: 0, origins: [] },
      ],
    },
  });

export const queryReservations = createRoute({
  method: 'post',
  operationId: 'queryReservations',
  path: '/{tenantId}/reservations/query',
  tags,
  summary: "The optimizer's batch query: where each of many articles is reserved",
  description:
    "For each article: its units reserved at every origin (`reservedQty`) and its reservation at each origin with the origin's " +
    'capacity and saturation, restricted to `codes` when given. One Redis call for the whole query.',
  request: { params: TenantParamSchema, ...jsonBody(ReservationsQuerySchema, 'Articles, and optionally the origins to answer for.') },
  responses: {
    200: jsonResponse(ReservationsAnswerSchema, 'One entry per article asked for.'),
    ...bodyErrorResponses,
    ...commonErrorResponses,
  },
});

export const TenantSummarySchema = z
  .object({
    orders: z.number().int().openapi({ description: 'Orders of type Order.' }),
    carts: z.number().int().openapi({ description: 'Orders of type Cart.' }),
    externalOrders: z.number().int().openapi({ description: 'Orders of type ExternalOrder.' }),
    lines: z.number().int().openapi({ description: 'Lines over all of them.' }),
    reservedQty: z.number().int().openapi({ description: 'Units reserved over all of them.' }),
    origins: z.number().int().openapi({ description: 'Stock origins with something reserved.' }),
    articles: z.number().int().openapi({ description: 'Articles with something reserved.' }),
    expiringWithinHour: z.number().int().openapi({ description: 'Orders and carts whose expiresAt falls within the next hour.' }),
    pendingChanges: z.number().int().openapi({ description: 'Orders changed since the last sync to MongoDB.' }),
    lastSync: z
      .object({ status: z.string(), mode: z.string(), startedAt: z.string(), durationMs: z.number(), error: z.string().optional() })
      .passthrough()
      .nullable()
      .openapi({ description: "The tenant's last sync, or null." }),
  })
  .openapi('TenantSummary', { example: EXAMPLE_SUMMARY });

export const getSummary = createRoute({
  method: 'get',
  operationId: 'getSummary',
  path: '/{tenantId}/summary',
  tags,
  summary: "The tenant's key figures",
  description:
    "Read from what every write keeps, in one Redis step: the orders of each type counted in the order index (logarithmic in the tenant's orders), lines and units summed over the stock origins' figures (linear in its origins).",
  request: { params: TenantParamSchema },
  responses: { 200: jsonResponse(TenantSummarySchema, 'The key figures.'), ...commonErrorResponses },
});

const capacityParams = TenantParamSchema.extend(CodeParamSchema.shape);

export const getCapacity = createRoute({
  method: 'get',
  operationId: 'getCapacity',
  path: '/{tenantId}/stock-origins/{code}/capacity',
  tags,
  summary: "A stock origin's capacity",
  request: { params: capacityParams },
  responses: {
    200: jsonResponse(CapacitySchema.nullable(), 'The capacity; null when none is set.'),
    ...commonErrorResponses,
  },
});

export const putCapacity = createRoute({
  method: 'put',
  operationId: 'putCapacity',
  path: '/{tenantId}/stock-origins/{code}/capacity',
  tags,
  summary: "Set a stock origin's capacity",
  description:
    "Each limit a positive integer or null (no limit); all three null is the same as no capacity. Part of the tenant's " +
    "configuration: stored in MongoDB first, then in Redis, restored with the rest. A change that makes the origin's saturation " +
    "cross one of the tenant's thresholds appends a `stock_origin.saturation` event.",
  request: { params: capacityParams, ...jsonBody(CapacitySchema, 'The three limits.') },
  responses: {
    200: jsonResponse(CapacitySchema.nullable(), 'The capacity now in force (null: none).'),
    ...bodyErrorResponses,
    ...commonErrorResponses,
  },
});

export const deleteCapacity = createRoute({
  method: 'delete',
  operationId: 'deleteCapacity',
  path: '/{tenantId}/stock-origins/{code}/capacity',
  tags,
  summary: "Remove a stock origin's capacity",
  request: { params: capacityParams },
  responses: { 200: jsonResponse(z.null(), 'The origin has no capacity any more.'), ...bodyErrorResponses, ...commonErrorResponses },
});

/** The most plans, and lines per plan, one simulation takes. */
export const SIMULATE_LIMITS = { plans: 100, linesPerPlan: 1000 } as const;

const PlanSchema = z
  .object({
    orderId: z
      .guid()
      .optional()
      .openapi({ description: 'The order whose current lines the plan replaces, as a redefinition would; absent: a new order.' }),
    lines: z.array(OrderLineSchema).min(1).max(SIMULATE_LIMITS.linesPerPlan),
  })
  .openapi('Plan');

const nullableNumber = (description: string) => z.number().nullable().openapi({ description });

const PlanOutcomeSchema = z
  .object({
    orderId: z.string().nullable(),
    feasible: z.boolean().openapi({ description: 'Whether the same write under `Reservation-Policy: if-available` would be taken.' }),
    shortfalls: z.array(ShortfallSchema),
    origins: z.array(
      z.object({
        code: z.string(),
        saturationBefore: nullableNumber('Null without capacity.'),
        saturationAfter: nullableNumber('Null without capacity.'),
        crossings: z.array(z.object({ threshold: z.number(), direction: z.enum(['up', 'down']) })).openapi({
          description: 'The thresholds the write would cross (each a `stock_origin.saturation` event), in order.',
        }),
      }),
    ),
    pairs: z.array(
      z.object({
        code: z.string(),
        artGuid: z.string(),
        reservedBefore: z.number().int(),
        reservedAfter: z.number().int(),
        availableBefore: nullableNumber('Null when the pair is not tracked.'),
        availableAfter: nullableNumber('Null when the pair is not tracked.'),
      }),
    ),
  })
  .openapi('PlanOutcome');

export const simulateReservations = createRoute({
  method: 'post',
  operationId: 'simulateReservations',
  path: '/{tenantId}/reservations/simulate',
  tags,
  summary: 'What-if plans, judged without writing anything',
  description: `Judges each plan (1 to ${SIMULATE_LIMITS.plans}, up to ${SIMULATE_LIMITS.linesPerPlan.toLocaleString('en')} lines each) on its own, from one consistent snapshot, writing nothing: whether an \`if-available\` write of it would be taken and its shortfalls, each origin's saturation before and after with the thresholds it would cross, each pair's reserved and available quantities before and after. With \`orderId\` the plan replaces that order's current lines, as a redefinition would. The same write made next, nothing else changing, does exactly what the answer says.`,
  request: {
    params: TenantParamSchema,
    ...jsonBody(z.object({ plans: z.array(PlanSchema).min(1).max(SIMULATE_LIMITS.plans) }).openapi('SimulateRequest'), 'The plans.'),
  },
  responses: {
    200: jsonResponse(z.object({ plans: z.array(PlanOutcomeSchema) }).openapi('SimulateAnswer'), 'One outcome per plan, in order.'),
    ...bodyErrorResponses,
    ...commonErrorResponses,
  },
});
