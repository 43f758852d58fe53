import { createRoute, z } from '@hono/zod-openapi';
import { jsonResponse } from '../schemas.js';

const tags = ['Health'];

export const ReadinessSchema = z
  .object({
    ready: z.boolean(),
    redis: z.enum(['up', 'down']),
    mongodb: z.enum(['up', 'down']),
    lastSync: z
      .object({ ok: z.boolean(), finishedAt: z.string(), failedTenants: z.array(z.number().int()) })
      .nullable()
      .openapi({ description: 'The last batch run by this replica.' }),
  })
  .openapi('Readiness');

export const health = createRoute({
  method: 'get',
  operationId: 'getHealth',
  path: '/health',
  tags,
  // Public: answered without a key (registered before authentication, src/app.ts; routes/policy.ts ROUTE_GROUPS.public).
  security: [],
  summary: 'Liveness: the process answers',
  responses: { 200: jsonResponse(z.object({ status: z.literal('ok') }), 'Alive.') },
});

export const ready = createRoute({
  method: 'get',
  operationId: 'getReadiness',
  path: '/ready',
  tags,
  security: [],
  summary: 'Readiness: Redis and MongoDB answer',
  description: 'Order routes need Redis only; MongoDB down is reported but still ready. The last sync batch failing is reported too.',
  responses: {
    200: jsonResponse(ReadinessSchema, 'Redis answers.'),
    503: jsonResponse(ReadinessSchema, 'Redis does not answer: order routes fail fast.'),
  },
});
