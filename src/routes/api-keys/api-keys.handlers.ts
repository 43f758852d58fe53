import { NotFound } from '../../domain/errors.js';
import type { AppServices } from '../env.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './api-keys.routes.js';

/** What the API-key routes use of the services. */
export type ApiKeyServices = Pick<AppServices, 'apiKeys'>;

export const createApiKey =
  (services: ApiKeyServices): AppRouteHandler<typeof routes.createApiKey> =>
  async (c) => {
    const { tenantId } = c.req.valid('param');
    return c.json(await services.apiKeys.createKey(tenantId), 201);
  };

export const listApiKeys =
  (services: ApiKeyServices): AppRouteHandler<typeof routes.listApiKeys> =>
  async (c) => {
    const { tenantId } = c.req.valid('param');
    return c.json({ keys: await services.apiKeys.listKeys(tenantId) }, 200);
  };

export const revokeApiKey =
  (services: ApiKeyServices): AppRouteHandler<typeof routes.revokeApiKey> =>
  async (c) => {
    const { tenantId, keyId } = c.req.valid('param');
    if (!(await services.apiKeys.revokeKey(tenantId, keyId))) throw new NotFound(`API key ${keyId} of tenant ${tenantId}`);
    return c.body(null, 204);
  };
