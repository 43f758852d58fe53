import { z } from '@hono/zod-openapi';

const enableInternalOrderSync = z.boolean().openapi({
  description: "Whether the ten-minute batch writes this tenant's orders to MongoDB. Default true.",
});

const saturationThresholds = z
  .array(z.number().positive().max(100))
  .min(1)
  .max(10)
  .refine((list) => list.every((t, i) => i === 0 || t > list[i - 1]!), 'must be in ascending order, each once')
  .openapi({
    description:
      'The stock-origin saturations (1: a capacity limit reached) whose crossing, upward or downward, appends a ' +
      '`stock_origin.saturation` event. Default [0.8, 1].',
    example: [0.8, 1],
  });

export const TenantConfigSchema = z.object({ enableInternalOrderSync, saturationThresholds }).openapi('ConfigDo');

/** What PUT takes: the whole configuration, fields left out taking their defaults. */
export const TenantConfigInputSchema = z
  .object({ enableInternalOrderSync, saturationThresholds: saturationThresholds.optional() })
  .openapi('ConfigDoInput');
