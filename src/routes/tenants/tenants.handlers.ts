import { listTenantOverviews } from '../../domain/tenants.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './tenants.routes.js';

export const listTenants: AppRouteHandler<typeof routes.listTenants> = async (c) => {
  const { limit, cursor } = c.req.valid('query');
  return c.json(await listTenantOverviews(c.get('services'), limit, cursor === undefined ? null : Number(cursor)), 200);
};
