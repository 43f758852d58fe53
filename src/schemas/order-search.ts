import { z } from '@hono/zod-openapi';
import { ORDER_TYPES } from '../domain/order.js';
import { IsoDateTimeSchema, StockOriginCodeSchema } from './common.js';

/** The filters every order listing takes. */
export const orderFilters = {
  limit: z.coerce.number().int().min(1).max(1000).default(100).openapi({ description: 'Orders per page, 1–1000.' }),
  cursor: z.string().min(1).max(4096).optional().openapi({ description: 'The `nextCursor` of the previous page.' }),
  artGuid: z
    .guid()
    .transform((g) => g.toLowerCase())
    .optional()
    .openapi({ description: 'Orders with a line of this article.', example: 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460' }),
  type: z.enum(ORDER_TYPES).optional().openapi({ description: 'Orders of this type.' }),
  expiresBefore: IsoDateTimeSchema.optional().openapi({ description: 'Orders and carts expiring strictly before this instant.' }),
  updatedSince: IsoDateTimeSchema.optional().openapi({ description: 'Orders whose lastUpdated is at or after this instant.' }),
};

/** The query of GET /{tenantId}/orders (and of the console's order search). */
export const OrderSearchQuerySchema = z.object({
  ...orderFilters,
  code: StockOriginCodeSchema.optional().openapi({ description: 'Orders with a line at this stock origin.' }),
});
