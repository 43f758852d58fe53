import { z } from '@hono/zod-openapi';
import { EVENT_TYPES } from '../domain/events.js';
import { MAX_URL_LENGTH } from '../domain/webhooks.js';

export const url = z
  .string()
  .min(1)
  .max(MAX_URL_LENGTH)
  .openapi({
    description:
      'Where deliveries are POSTed: http or https. Refused when the host is or resolves to a loopback, private or link-local address ' +
      '(unless `WEBHOOK_ALLOW_PRIVATE_NETWORKS=true`). Redirects are never followed.',
    example: 'https://shop.example.com/hooks/reservoir',
  });
export const events = z
  .array(z.enum(EVENT_TYPES))
  .min(1)
  .max(EVENT_TYPES.length * 2)
  .openapi({ description: 'The event types sent to this endpoint.', example: ['order.created', 'order.lines_removed'] });
export const description = z.string().max(500).nullable().openapi({ example: 'Storefront cache invalidation' });

export const CreateWebhookSchema = z.object({ url, events, description: description.optional() }).openapi('CreateWebhookEndpoint');
