import type { IdempotencySettings } from '../../domain/idempotency.js';
import { RedisCapacityStore } from '../capacities.js';
import { RedisStockStore } from '../stock-levels.js';
import type { RedisLike } from '../redis-scripts/lua-script.js';
import { ChangeTokens } from './change-tokens.js';
import { TenantGenerations } from './generations.js';
import { IdempotentCalls } from './idempotent-calls.js';
import type { QuotaReader } from '../../domain/quotas.js';
import { RedisOrderStore, type OrderStoreSettings } from './order-store.js';
import { RedisPendingChanges } from './pending-changes.js';
import { RedisOrderSetReplacer } from './replace-all.js';
import { RedisReservationReader } from './reservation-reader.js';
import { RedisTenantRegistry } from './tenant-registry.js';

export interface RedisOrderRepositories {
  orders: RedisOrderStore;
  reservations: RedisReservationReader;
  replacer: RedisOrderSetReplacer;
  changes: RedisPendingChanges;
  tenants: RedisTenantRegistry;
  capacities: RedisCapacityStore;
  stock: RedisStockStore;
}

export interface RedisOrderSettings extends OrderStoreSettings {
  idempotency: IdempotencySettings;
}

/**
 * The Redis side of the orders, in parts with one job each, over one client. They share what
 * this process knows of each tenant: its visible generation, whether it is in the registry, and
 * the change tokens. Writes that a quota bounds read it from `quotas` (none given: no quota).
 */
export function createRedisOrderRepositories(redis: RedisLike, settings: RedisOrderSettings, quotas?: QuotaReader): RedisOrderRepositories {
  const generations = new TenantGenerations(redis);
  const tenants = new RedisTenantRegistry(redis);
  const tokens = new ChangeTokens();
  const idempotent = new IdempotentCalls(redis, settings.idempotency, quotas);
  return {
    orders: new RedisOrderStore(redis, generations, tenants, tokens, idempotent, settings, quotas),
    reservations: new RedisReservationReader(redis, generations, tokens, settings),
    replacer: new RedisOrderSetReplacer(redis, generations, tenants, tokens, idempotent, settings),
    changes: new RedisPendingChanges(redis),
    tenants,
    capacities: new RedisCapacityStore(redis, generations, tokens, settings, quotas),
    stock: new RedisStockStore(redis, generations, tokens, settings, quotas),
  };
}
