import { createRoute, z } from '@hono/zod-openapi';
import { commonErrorResponses } from '../errors.js';

export const getMetrics = createRoute({
  method: 'get',
  operationId: 'getMetrics',
  path: '/metrics',
  tags: ['Health'],
  summary: 'Prometheus metrics',
  description:
    'Text exposition format. Needs the admin key or METRICS_API_KEY (per-tenant figures are in it). Answers even while Redis is ' +
    'down (the per-tenant gauges are then empty).',
  responses: {
    200: { content: { 'text/plain': { schema: z.string() } }, description: 'Metrics of this replica.' },
    ...commonErrorResponses,
  },
});
