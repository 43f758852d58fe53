import { orderKeys, tenantKeys, type OrderKeys } from '../keys.js';
import type { RedisLike } from '../redis-scripts/lua-script.js';
import { Moved } from '../redis-scripts/order-script.js';

/** How many times a script is called again at the generation it found visible instead. */
const GENERATION_RETRIES = 5;

/**
 * Which generation of each tenant's orders is visible, as this process last saw it. Order scripts
 * are called with that generation's keys and check it (includes/check-generation.lua); when a
 * replacement (PUT /orders, maybe on another replica) switched it, the script does nothing and
 * names the visible one, and the call is made again there. The common case costs no extra call.
 */
export class TenantGenerations {
  private readonly visible = new Map<number, OrderKeys>();

  constructor(private readonly redis: RedisLike) {}

  /** The keys of the generation last seen visible ('0' until one was seen). */
  keysOf(tenantId: number, generation?: string): OrderKeys {
    const cached = this.visible.get(tenantId);
    if (cached && (generation === undefined || cached.generation === generation)) return cached;
    const keys = orderKeys(tenantId, generation ?? '0');
    this.visible.set(tenantId, keys);
    return keys;
  }

  /** The keys of the generation visible now, read from Redis. */
  async current(tenantId: number): Promise<OrderKeys> {
    const generation = (await this.redis.get(tenantKeys(tenantId).gen)) ?? '0';
    return this.keysOf(tenantId, generation);
  }

  /** Runs `attempt` with the visible generation's keys, again at the one it names when it moved. */
  async atVisible<T>(tenantId: number, attempt: (keys: OrderKeys) => Promise<T | Moved>): Promise<T> {
    let keys = this.keysOf(tenantId);
    for (let i = 0; ; i++) {
      const outcome = await attempt(keys);
      if (!(outcome instanceof Moved)) return outcome;
      if (i >= GENERATION_RETRIES) throw new Error(`tenant ${tenantId} changed generation ${GENERATION_RETRIES} times during one call`);
      keys = this.keysOf(tenantId, outcome.generation);
    }
  }
}
