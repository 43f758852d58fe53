import type { IdempotencyKeyUse } from '../../domain/idempotency.js';
import type { Order } from '../../domain/order.js';
import type { OrderSetReplacer, ReplaceSummary } from '../../domain/ports.js';
import { orderKeys, tenantKeys } from '../keys.js';
import { argvOrderSize } from '../redis-scripts/argv-orders.js';
import type { RedisLike } from '../redis-scripts/lua-script.js';
import { Moved } from '../redis-scripts/order-script.js';
import { stageOrdersScript, type StagedOrder } from '../redis-scripts/stage-orders.js';
import { decodeSwitchReply, switchGenerationScript } from '../redis-scripts/switch-generation.js';
import { redisFailures, withRedis } from '../redis-client.js';
import type { ChangeTokens } from './change-tokens.js';
import type { TenantGenerations } from './generations.js';
import type { IdempotentCalls } from './idempotent-calls.js';
import { isoOf, writeContext, type OrderStoreSettings } from './order-store.js';
import { encodeStoredOrder } from './stored-order.js';
import type { RedisTenantRegistry } from './tenant-registry.js';

/**
 * How many arguments one staging call takes (≈ 15 per 3-line order): small enough that Redis is
 * never busy long for one tenant's replacement (about 12 ms per chunk for a PUT of 100,000 orders
 * on the benchmark machine, bench/NOTES.md).
 */
const STAGE_CHUNK_ARGS = 5_000;

/**
 * Replacing a tenant's whole order set (PUT /orders): the new set is staged, chunk by chunk, into
 * a generation nobody reads yet (its orders, figures, indexes and counters), then made visible in
 * one step (switch-generation.lua), so readers see the old set or the new one, never a mix. The
 * replaced generation's keys are deleted later (collectGarbage), a few at a time.
 */
export class RedisOrderSetReplacer implements OrderSetReplacer {
  private readonly scripts;

  constructor(
    private readonly redis: RedisLike,
    private readonly generations: TenantGenerations,
    private readonly registry: RedisTenantRegistry,
    private readonly tokens: ChangeTokens,
    private readonly idempotent: IdempotentCalls,
    private readonly settings: OrderStoreSettings,
  ) {
    this.scripts = { stage: stageOrdersScript(redis), switch: switchGenerationScript(redis) };
  }

  /**
   * Concurrent replacements of one tenant: the first switch wins, the other one's staged
   * generation is discarded and it fails (callers serialise replacements with the tenant lease,
   * so this is a safety net). Under an idempotency key the switch records the outcome.
   */
  replaceAllOrders(tenantId: number, orders: Order[], now: number, use?: IdempotencyKeyUse): Promise<ReplaceSummary> {
    // Each step is an operation of its own (withRedis): a large set takes many, each one short.
    return redisFailures(() =>
      this.idempotent.run<ReplaceSummary>(
        tenantId,
        use,
        now,
        async (stamp) => {
          const tenant = tenantKeys(tenantId);
          const { visible, staged } = await withRedis(async () => {
            await this.registry.register(tenantId);
            const visible = await this.generations.current(tenantId);
            const staged = orderKeys(tenantId, String(await this.redis.incr(tenant.genSeq)));
            // A generation number is never reused; should this call die half-way, its keys are collected.
            await this.redis.rpush(tenant.gc, staged.generation);
            return { visible, staged };
          });
          const nowIso = isoOf(now);
          let existing = 0;
          let chunk: StagedOrder[] = [];
          let chunkArgs = 0;
          for (const order of orders) {
            chunk.push({ order, json: encodeStoredOrder(order) });
            chunkArgs += argvOrderSize(order);
            if (chunkArgs >= STAGE_CHUNK_ARGS) {
              const part = chunk;
              existing += await withRedis(() => this.scripts.stage(visible, staged, part, nowIso));
              chunk = [];
              chunkArgs = 0;
            }
          }
          if (chunk.length > 0) existing += await withRedis(() => this.scripts.stage(visible, staged, chunk, nowIso));
          const context = writeContext(this.tokens, this.settings, tenantId, now, stamp);
          const switched = await withRedis(() => this.scripts.switch(visible, staged, context, existing));
          if (switched instanceof Moved) throw new Error('concurrent replacement of the same tenant');
          this.generations.keysOf(tenantId, staged.generation);
          await withRedis(() => this.redis.lrem(tenant.gc, 1, staged.generation));
          return switched;
        },
        (reply) => decodeSwitchReply(reply) as ReplaceSummary,
      ),
    );
  }

  recordedReplacement(tenantId: number, use: IdempotencyKeyUse, now: number): Promise<ReplaceSummary | null> {
    return withRedis(() => this.idempotent.recorded(tenantId, use, now, (reply) => decodeSwitchReply(reply) as ReplaceSummary));
  }

  /** Deletes the keys of generations no longer visible. Safe to run anytime, from any replica. */
  collectGarbage(tenantId: number): Promise<number> {
    return redisFailures(async () => {
      const tenant = tenantKeys(tenantId);
      const pending = await withRedis(() => this.redis.lrange(tenant.gc, 0, -1));
      const visible = (await withRedis(() => this.redis.get(tenant.gen))) ?? '0';
      let collected = 0;
      for (const generation of pending) {
        // Generations above the visible one are staged replacements, maybe still being filled.
        if (Number(generation) >= Number(visible)) continue;
        const g = tenant.generation(generation);
        const codes = await withRedis(() => this.redis.hkeys(g.originQty));
        const articles = new Set<string>();
        for (const code of codes) for (const art of await withRedis(() => this.redis.hkeys(g.origin(code)))) articles.add(art);
        const doomed = [
          ...codes.map(g.origin),
          ...[...articles].map(g.article),
          ...[...articles].map(g.articleIndex),
          g.orders,
          g.originQty,
          g.originLines,
          g.originOrders,
          g.index,
          g.legacyIndex,
          g.counters,
          g.storedForm,
        ];
        for (let i = 0; i < doomed.length; i += 500) await withRedis(() => this.redis.unlink(...doomed.slice(i, i + 500)));
        await withRedis(() => this.redis.lrem(tenant.gc, 0, generation));
        collected += 1;
      }
      return collected;
    });
  }
}
