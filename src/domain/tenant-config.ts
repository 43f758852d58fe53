import { DEFAULT_SATURATION_THRESHOLDS } from './capacity.js';
import type { OrderType } from './order.js';
import type { ReservationPolicy } from './stock.js';

/** A tenant's configuration (the seed contract's ConfigDo, and ours): what the tenant sets for itself, never "settings" (the operator's, from the environment). */
export interface TenantConfig {
  /** Whether the ten-minute batch writes the tenant's orders to MongoDB. */
  enableInternalOrderSync: boolean;
  /** The stock-origin saturations whose crossing, either way, is an event (ascending). */
  saturationThresholds: number[];
  /** The reservation policy of order writes that do not name one (header Reservation-Policy). */
  reservationPolicy: ReservationPolicy;
  /** Per order type, the hold an order written without expiresAt gets: it expires that many seconds after its write. */
  defaultHoldSeconds: Partial<Record<OrderType, number>>;
}

export const DEFAULT_TENANT_CONFIG: TenantConfig = {
  enableInternalOrderSync: true,
  saturationThresholds: [...DEFAULT_SATURATION_THRESHOLDS],
  reservationPolicy: 'always',
  defaultHoldSeconds: {},
};

/** The expiry an order written at `now` without one gets from the tenant's default holds, or undefined. */
export function defaultExpiry(config: Pick<TenantConfig, 'defaultHoldSeconds'>, type: OrderType, now: number): string | undefined {
  const seconds = config.defaultHoldSeconds[type];
  return seconds === undefined ? undefined : new Date(now + seconds * 1000).toISOString();
}

/** A configuration as stored by an earlier build may lack fields: the defaults fill them. */
export function withConfigDefaults(stored: Partial<TenantConfig>): TenantConfig {
  return { ...DEFAULT_TENANT_CONFIG, ...stored };
}
