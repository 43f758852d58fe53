import { z } from '@hono/zod-openapi';
import { regexes } from 'zod/v4/core';
import { ORDER_LIMITS, ORDER_TYPES, STOCK_ORIGIN_CODE_PATTERN } from '../domain/order.js';

/** z.iso.datetime({ offset: true })'s pattern. */
const DATE_TIME = regexes.datetime({ offset: true, local: false, precision: null });

/**
 * Whether a date-time falls between the years an order may name. A well-formed UTC date names its
 * year in its first four digits, so the common case needs no Date.
 */
function withinOrderYears(value: string): boolean {
  const year = value.endsWith('Z') && DATE_TIME.test(value) ? Number(value.slice(0, 4)) : new Date(value).getUTCFullYear();
  return year >= ORDER_LIMITS.minYear && year <= ORDER_LIMITS.maxYear;
}

/** An ISO-8601 date-time with Z or an offset, between the years allowed: the one rule for every date. */
const orderDateTime = () =>
  z.iso.datetime({ offset: true }).refine(withinOrderYears, `must be between years ${ORDER_LIMITS.minYear} and ${ORDER_LIMITS.maxYear}`);

const isoDateTime = (description: string) => orderDateTime().openapi({ description, example: '2025-09-22T10:01:20.624Z' });

/** An instant in a query, normalised to UTC with milliseconds (as stored dates are, so they compare as strings). */
export const IsoDateTimeSchema = orderDateTime()
  .transform((value) => new Date(value).toISOString())
  .openapi({ type: 'string', format: 'date-time', example: '2025-09-22T10:01:20.624Z' });

const guid = (description: string, example: string) => z.guid().openapi({ description, example });

export const StockOriginCodeSchema = z
  .string()
  .min(1)
  .max(ORDER_LIMITS.maxCodeLength)
  .regex(STOCK_ORIGIN_CODE_PATTERN, 'must not contain control characters')
  .openapi({ description: 'Stock origin (warehouse, store) code.', example: 'FRA:MAG:0125' });

export const OrderLineSchema = z
  .object({
    code: StockOriginCodeSchema,
    artGuid: guid('Article identifier.', 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460'),
    qty: z.number().int().positive().max(ORDER_LIMITS.maxQtyPerLine).openapi({ description: 'Quantity to ship.', example: 1 }),
  })
  .openapi('OrderLine');

export const TenantIdSchema = z.number().int().min(0).max(ORDER_LIMITS.maxTenantId);

export const OrderSchema = z
  .object({
    orderId: guid('Order or cart identifier.', '3fa85f64-5717-4562-b3fc-2c963f66afa6'),
    tenantId: TenantIdSchema.openapi({ description: "Tenant (legal entity); must equal the path's.", example: 0 }),
    lastUpdated: isoDateTime('When the order was last changed; an older write than the stored one is refused.'),
    expiresAt: isoDateTime('When the order or cart stops reserving stock (optional).').nullish(),
    type: z.enum(ORDER_TYPES).openapi({ example: 'Order' }),
    lines: z.array(OrderLineSchema).min(1).max(ORDER_LIMITS.maxLinesPerOrder),
  })
  .openapi('Order');

export const OrderListSchema = z.array(OrderSchema).openapi('OrderList');

/** A tenant id as paths write it: up to ten digits (the one pattern; routes/policy.ts routes by it too). */
export const TENANT_ID_DIGITS = '[0-9]{1,10}';
export const TENANT_ID_TEXT = new RegExp(`^${TENANT_ID_DIGITS}$`);

export const TenantParamSchema = z.object({
  tenantId: z
    .string()
    .regex(TENANT_ID_TEXT, 'must be a non-negative integer')
    .transform(Number)
    .pipe(TenantIdSchema)
    .openapi({ param: { name: 'tenantId', in: 'path' }, example: 0, type: 'integer' }),
});

/**
 * A GUID in a path, normalised once, here: in lower case, as ids are stored and compared, whatever
 * case the caller wrote. Handlers get it ready to use.
 */
export const pathGuid = (name: string, schema: z.ZodGUID) =>
  schema.transform((value) => value.toLowerCase()).openapi({ param: { name, in: 'path' } });

export const OrderParamSchema = TenantParamSchema.extend({
  orderId: pathGuid('orderId', guid('Order identifier.', '3fa85f64-5717-4562-b3fc-2c963f66afa6')),
});

export const CodeParamSchema = z.object({
  code: StockOriginCodeSchema.openapi({
    param: { name: 'code', in: 'path', description: 'Raw (`FRA:MAG:0125`) or percent-encoded (`FRA%3AMAG%3A0125`).' },
  }),
});

export const ArtGuidParamSchema = z.object({
  artGuid: pathGuid('artGuid', guid('Article identifier.', 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460')),
});

/** The cursor of a page walked by a Redis SCAN (HSCAN): the `nextCursor` of the page before; none for the first. */
export const ScanCursorSchema = z
  .string()
  .regex(/^\d{1,20}$/, 'a nextCursor of an earlier page')
  .optional()
  .openapi({ description: 'The `nextCursor` of the previous page; none for the first.' });

export const BooleanAnswerSchema = z.boolean().openapi('BooleanAnswer');

export const jsonBody = <T extends z.ZodType>(schema: T, description: string) => ({
  body: { content: { 'application/json': { schema } }, required: true, description },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
