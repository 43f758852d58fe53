import type { Logger } from 'pino';
import type { Services } from '../services.js';

/** Who is calling: the operator's admin key, or a key bound to one tenant. */
export type Principal = { kind: 'admin' } | { kind: 'tenant'; tenantId: number; keyId: string };

export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    services: Services;
    principal: Principal;
    tenantId?: number;
  };
}
