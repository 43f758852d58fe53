export type { AppServices, BodyDrainSettings, EdgeSettings, Readiness, ReadinessProbes } from '../app-services.js';

/** Who is calling: the operator's admin key, a key bound to one tenant, or the metrics scraper's key. */
export type Principal = { kind: 'admin' } | { kind: 'tenant'; tenantId: number; keyId: string } | { kind: 'metrics' };

export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
    /** The path's tenant, on the routes of the tenant group (its policy, routes/policy.ts). */
    tenantId?: number;
    /** A route group's policy has let the principal through (routes/policy.ts). */
    allowed?: true;
    /** Body rules have judged the body (routes/body.ts): a route's own, before its group's. */
    bodyLimited?: true;
  };
}
