import { z } from '@hono/zod-openapi';

/** Why an if-available write is (or would be) refused: a tracked pair's stock, or an origin's capacity. */
export const ShortfallSchema = z
  .object({
    code: z.string(),
    artGuid: z.string().optional().openapi({ description: 'The article, when the pair lacks stock.' }),
    limit: z
      .enum(['maxQty', 'maxLines', 'maxOrders'])
      .optional()
      .openapi({ description: "The origin's capacity limit, when the write would take it past one." }),
    requested: z.number().int().openapi({ description: 'What the order asks there (units, lines, or 1 order).' }),
    available: z.number().int().openapi({ description: 'What it could have there: the available stock or room left, plus its own.' }),
  })
  .openapi('Shortfall');
