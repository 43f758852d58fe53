import { listTenantOverviews, type TenantsDeps } from '../../domain/tenants.js';
import type { AppRouteHandler } from '../types.js';
import type * as routes from './tenants.routes.js';

/** What GET /admin/tenants use of the services. */
export type TenantServices = TenantsDeps;

export const listTenants =
  (services: TenantServices): AppRouteHandler<typeof routes.listTenants> =>
  async (c) => {
    const { limit, cursor } = c.req.valid('query');
    return c.json(await listTenantOverviews(services, limit, cursor === undefined ? null : Number(cursor)), 200);
  };
