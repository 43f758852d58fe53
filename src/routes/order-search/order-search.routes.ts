import { createRoute, z } from '@hono/zod-openapi';
import { commonErrorResponses } from '../errors.js';
import { EXAMPLE_CURSOR, EXAMPLE_ORDER } from '../examples.js';
import { CodeParamSchema, jsonResponse, OrderSchema, TenantParamSchema } from '../schemas.js';
import { orderFilters, OrderSearchQuerySchema } from '../../schemas/order-search.js';

const tags = ['Order search'];

export const OrderPageSchema = z
  .object({
    orders: z.array(OrderSchema),
    nextCursor: z.string().nullable().openapi({ description: 'Pass it as `cursor` for the next page; null: no more.' }),
  })
  .openapi('OrderPage', { example: { orders: [EXAMPLE_ORDER], nextCursor: EXAMPLE_CURSOR } });

const pagingDescription =
  'Filters combine. Walking every page (with each `nextCursor`) lists each order that exists throughout the walk exactly once, ' +
  'whatever is written meanwhile; orders written during the walk may or may not appear. The walk goes through the index of the ' +
  "most selective filter, so a page costs time in proportion to the page and to the orders that match, not to the tenant's size. " +
  'Orders come by orderId, except when the only filters are `expiresBefore` and/or `updatedSince`: then by that date (then ' +
  'orderId), and an order whose date a write moves past the cursor is listed again (an order whose expiry a write moves back ' +
  'behind the cursor is not listed). A page may hold fewer orders than `limit` (even none) and still have a `nextCursor`: each ' +
  'page examines a bounded number of index entries. A cursor is only valid for the listing and filters that handed it out (else ' +
  '400 `INVALID_CURSOR`).';

export const listOrders = createRoute({
  method: 'get',
  operationId: 'listOrders',
  path: '/{tenantId}/orders',
  tags,
  summary: "Page through the tenant's orders, optionally filtered",
  description: pagingDescription,
  request: {
    params: TenantParamSchema,
    query: OrderSearchQuerySchema,
  },
  responses: { 200: jsonResponse(OrderPageSchema, 'A page of orders.'), ...commonErrorResponses },
});

export const listStockOriginOrders = createRoute({
  method: 'get',
  operationId: 'listStockOriginOrders',
  path: '/{tenantId}/stock-origins/{code}/orders',
  tags,
  summary: 'What a stock origin still has to ship: the orders with a line there',
  description:
    `The same listing as GET /{tenantId}/orders filtered by this origin. With ` +
    `\`linesAt=only\`, each order comes with only its lines at this origin. ` +
    `${pagingDescription}`,
  request: {
    params: TenantParamSchema.extend(CodeParamSchema.shape),
    query: z.object({
      ...orderFilters,
      linesAt: z.enum(['all', 'only']).default('all').openapi({ description: '`only`: each order with only its lines at this origin.' }),
    }),
  },
  responses: { 200: jsonResponse(OrderPageSchema, 'A page of orders.'), ...commonErrorResponses },
});
