import type { AppServices } from '../app-services.js';

export type { AppServices, BodyDrainSettings, EdgeSettings, Readiness, ReadinessProbes } from '../app-services.js';

/** Who is calling: the operator's admin key, a key bound to one tenant, or the metrics scraper's key. */
export type Principal = { kind: 'admin' } | { kind: 'tenant'; tenantId: number; keyId: string } | { kind: 'metrics' };

export interface AppEnv {
  Variables: {
    requestId: string;
    services: AppServices;
    principal: Principal;
    /** The path's tenant, on the routes of the tenant group (routes/policy.ts). */
    tenantId?: number;
    /** A route group's access rule has let the principal through (routes/auth.ts). */
    allowed?: true;
    /** A route's own body limit has judged the body (routes/body.ts). */
    bodyLimited?: true;
  };
}
