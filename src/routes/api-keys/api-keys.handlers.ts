import { NotFound } from '../../domain/errors.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './api-keys.routes.js';

export const createApiKey: AppRouteHandler<typeof routes.createApiKey> = async (c) => {
  const { tenantId } = c.req.valid('param');
  return c.json(await c.get('services').apiKeys.createKey(tenantId), 201);
};

export const listApiKeys: AppRouteHandler<typeof routes.listApiKeys> = async (c) => {
  const { tenantId } = c.req.valid('param');
  return c.json({ keys: await c.get('services').apiKeys.listKeys(tenantId) }, 200);
};

export const revokeApiKey: AppRouteHandler<typeof routes.revokeApiKey> = async (c) => {
  const { tenantId, keyId } = c.req.valid('param');
  if (!(await c.get('services').apiKeys.revokeKey(tenantId, keyId))) throw new NotFound(`API key ${keyId} of tenant ${tenantId}`);
  return c.body(null, 204);
};
