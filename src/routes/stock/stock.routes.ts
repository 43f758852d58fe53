import { createRoute, z } from '@hono/zod-openapi';
import { commonErrorResponses, bodyErrorResponses } from '../errors.js';
import {
  ArtGuidParamSchema,
  BooleanAnswerSchema,
  CodeParamSchema,
  IsoDateTimeSchema,
  jsonBody,
  jsonResponse,
  ScanCursorSchema,
  StockOriginCodeSchema,
  TenantParamSchema,
} from '../schemas.js';

const tags = ['Availability'];

/** The most levels one PUT /stock takes. */
export const MAX_STOCK_LEVELS = 10_000;

const StockLevelSchema = z
  .object({
    code: StockOriginCodeSchema,
    artGuid: z
      .guid()
      .transform((g) => g.toLowerCase())
      .openapi({ type: 'string', description: 'Article identifier.', example: 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460' }),
    onHand: z.number().int().min(0).max(1_000_000_000).openapi({ description: 'Units on the shelf at that origin.', example: 12 }),
  })
  .openapi('StockLevel');

export const StockCountSchema = z
  .object({
    asOf: IsoDateTimeSchema.openapi({ description: 'When the levels were counted. A pair counted later keeps its level.' }),
    levels: z.array(StockLevelSchema).min(1).max(MAX_STOCK_LEVELS),
  })
  .openapi('StockCount');

const StockCountOutcomeSchema = z
  .object({
    applied: z.number().int().openapi({ description: 'Levels set.', example: 2 }),
    stale: z.number().int().openapi({ description: 'Levels left as they were: their stored count was taken later.', example: 0 }),
  })
  .openapi('StockCountOutcome');

export const PairStockSchema = z
  .object({
    code: z.string().openapi({ example: 'FRA:MAG:0125' }),
    artGuid: z.string().openapi({ example: 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460' }),
    onHand: z.number().int().nullable().openapi({ description: 'Units on the shelf; null when the pair is not tracked.', example: 12 }),
    reservedQty: z.number().int().openapi({ description: 'Units orders in progress reserve there.', example: 3 }),
    available: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'onHand - reservedQty (negative when more is reserved than is there); null when untracked.', example: 9 }),
    asOf: z
      .string()
      .nullable()
      .openapi({ description: 'When onHand was counted; null when untracked.', example: '2025-09-22T10:00:00.000Z' }),
  })
  .openapi('PairStock');

const pairParams = TenantParamSchema.extend(CodeParamSchema.shape).extend(ArtGuidParamSchema.shape);

export const putStock = createRoute({
  method: 'put',
  operationId: 'putStock',
  path: '/{tenantId}/stock',
  tags,
  summary: 'Set on-hand stock levels',
  description: `Sets the on-hand quantity of each (origin, article) pair, counted at \`asOf\` (1 to ${MAX_STOCK_LEVELS.toLocaleString('en')} levels). A pair with a level is tracked: its available quantity is onHand - reservedQty, and order writes under the \`if-available\` reservation policy are refused when they would need more than is available. A level whose stored count was taken later than \`asOf\` is left as it is (a count taken earlier arrived late; a shipment dates the levels it lowers). A pair whose available units fall to 0 or below is told by a \`stock.out\` event, one that rises above 0 again by \`stock.back\`. A malformed level refuses the whole body with 400 naming it; a count that would track more pairs than the tenant's \`stockLevels\` quota is refused whole with 403 QUOTA_EXCEEDED.`,
  request: { params: TenantParamSchema, ...jsonBody(StockCountSchema, 'The levels and when they were counted.') },
  responses: {
    200: jsonResponse(StockCountOutcomeSchema, 'How many levels were set, and how many were older than the stored ones.'),
    ...bodyErrorResponses,
    ...commonErrorResponses,
  },
});

export const getPairStock = createRoute({
  method: 'get',
  operationId: 'getPairStock',
  path: '/{tenantId}/stock-origins/{code}/stock/{artGuid}',
  tags,
  summary: "An article's stock at a stock origin",
  description: 'On hand, reserved and available; onHand, available and asOf are null when the pair is not tracked.',
  request: { params: pairParams },
  responses: { 200: jsonResponse(PairStockSchema, "The pair's stock."), ...commonErrorResponses },
});

export const deletePairStock = createRoute({
  method: 'delete',
  operationId: 'deletePairStock',
  path: '/{tenantId}/stock-origins/{code}/stock/{artGuid}',
  tags,
  summary: 'Stop tracking a pair',
  description:
    'Its level is forgotten: writes are no longer checked against it (a pair that was out of stock is told as `stock.back`). `true` when it was tracked.',
  request: { params: pairParams },
  responses: { 200: jsonResponse(BooleanAnswerSchema, 'Whether the pair was tracked.'), ...bodyErrorResponses, ...commonErrorResponses },
});

export const StockPairPageSchema = z
  .object({
    pairs: z.array(PairStockSchema),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Where the next page starts; null after the last. A page may be short, even empty, and still have one.' }),
  })
  .openapi('StockPairPage');

export const listStock = createRoute({
  method: 'get',
  operationId: 'listStock',
  path: '/{tenantId}/stock',
  tags,
  summary: 'The tracked pairs, or those out of stock',
  description:
    'Every tracked (origin, article) pair with its level, what is reserved there and what is available, a page at a time. ' +
    'With `maxAvailable`, only the pairs with at most that many units available: `maxAvailable=0` lists those out of stock ' +
    '(available 0 or below), the ones a `stock.out` event was sent for. Walking the pages lists each pair tracked throughout once.',
  request: {
    params: TenantParamSchema,
    query: z.object({
      cursor: ScanCursorSchema,
      limit: z.coerce.number().int().min(1).max(1000).default(200).openapi({ description: 'Pairs looked at for the page (about).' }),
      maxAvailable: z.coerce
        .number()
        .int()
        .min(-1_000_000_000)
        .max(1_000_000_000)
        .optional()
        .openapi({ description: 'Only pairs with at most this many units available (0: out of stock).', example: 0 }),
    }),
  },
  responses: { 200: jsonResponse(StockPairPageSchema, 'A page of tracked pairs.'), ...commonErrorResponses },
});
