import type { ConsoleIdentity, ConsoleSession } from '../domain/console-sessions.js';
import { CONSOLE_PATH } from '../routes/console-path.js';
import type { AppEnv, AppServices } from '../routes/env.js';

/** Where the console lives, and what its links and forms start with. */
export const CONSOLE_BASE = CONSOLE_PATH;

/** A one-shot message shown at the top of the next page: what an action did, or why it failed. */
export interface Flash {
  kind: 'ok' | 'error';
  text: string;
}

/**
 * What the console uses of the services: the API's reads and operations its pages show and run,
 * its sign-in (keys, sessions, the failed sign-ins' limit) and the health strip. Not the API's
 * own guards (its rate limits), the order-list parser, the replace or the quotas.
 */
export type ConsoleServices = Pick<
  AppServices,
  | 'log'
  | 'clock'
  | 'metrics'
  | 'health'
  | 'edgeSettings'
  | 'apiKeys'
  | 'consoleSessions'
  | 'signInLimiter'
  | 'orders'
  | 'reservations'
  | 'tenants'
  | 'capacities'
  | 'capacityArchive'
  | 'stock'
  | 'stockArchive'
  | 'configStore'
  | 'configArchive'
  | 'tenantConfigs'
  | 'changes'
  | 'archive'
  | 'locks'
  | 'syncState'
  | 'syncSettings'
  | 'syncRunner'
  | 'reconciler'
  | 'events'
  | 'streamSlots'
  | 'webhooks'
>;

/** The console's request variables: the API's, its services, and the operator's session once signed in. */
export interface ConsoleEnv {
  Variables: AppEnv['Variables'] & {
    services: ConsoleServices;
    session: ConsoleSession;
    sessionId: string;
    flash: Flash | null;
    /** The tenant of a /console/tenants/:tenantId page, once the identity may see it. */
    consoleTenant: number;
  };
}

export const isAdmin = (identity: ConsoleIdentity) => identity.kind === 'admin';

/** The page a signed-in operator starts on: the tenants (admin), or their tenant's page. */
export function homeOf(identity: ConsoleIdentity): string {
  return identity.kind === 'admin' ? `${CONSOLE_BASE}/tenants` : tenantPath(identity.tenantId);
}

export function tenantPath(tenantId: number, rest = ''): string {
  return `${CONSOLE_BASE}/tenants/${tenantId}${rest}`;
}
