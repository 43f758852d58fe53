import { z } from '@hono/zod-openapi';
import { EXAMPLE_CAPACITY } from './examples.js';

const limit = (description: string) => z.number().int().positive().max(1_000_000_000).nullable().openapi({ description, example: 500 });

export const CapacitySchema = z
  .object({
    maxQty: limit('Most units the origin can hold reserved; null: no limit.'),
    maxLines: limit('Most order lines it can ship; null: no limit.'),
    maxOrders: limit('Most orders it can serve; null: no limit.'),
  })
  .openapi('StockOriginCapacity', { example: EXAMPLE_CAPACITY });
