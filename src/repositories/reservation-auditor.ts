import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { ReservationAuditor, TenantAuditOutcome } from '../domain/ports.js';
import { figureKeysPattern, orderKeys, parseFigureKey, RECONCILE_LOCK_KEY, tenantKeys } from './keys.js';
import type { RedisLike } from './redis-scripts/lua-script.js';
import { Moved } from './redis-scripts/order-script.js';
import { reconcileTenantScript } from './redis-scripts/reconcile-tenant.js';
import { tenantTotalsScript } from './redis-scripts/tenant-totals.js';
import { redisFailures, withRedis } from './redis-client.js';

/** Codes and articles that have a figure key, per tenant and generation. */
type FigureKeys = Map<number, Map<string, { codes: Set<string>; arts: Set<string> }>>;

/** A generation switch (PUT /orders) between reading it and checking it: try again, a few times. */
const GENERATION_ATTEMPTS = 3;

function isCluster(redis: RedisLike): redis is Cluster {
  return 'nodes' in redis && typeof (redis as Cluster).nodes === 'function';
}

/**
 * The Redis side of the self-check (redis-scripts/reconcile-tenant.lua). Before the script
 * runs, a SCAN lists the tenant's figure keys, so that a figure nothing points to any more (a key
 * written by hand, say) is checked too: the script itself only reads keys it can name.
 */
export class RedisReservationAuditor implements ReservationAuditor {
  private readonly reconcile;
  private readonly totals;
  /** One SCAN shared by the checks of a run over many tenants. */
  private shared: FigureKeys | null = null;

  constructor(private readonly redis: RedisLike) {
    this.reconcile = reconcileTenantScript(redis);
    this.totals = tenantTotalsScript(redis);
  }

  auditTenant(tenantId: number, options: { dryRun: boolean; maxOrders: number; maxReported: number }): Promise<TenantAuditOutcome> {
    return redisFailures(async () => {
      for (let attempt = 1; ; attempt++) {
        const keys = orderKeys(tenantId, (await withRedis(() => this.redis.get(tenantKeys(tenantId).gen))) ?? '0');
        // The shared scan is fresh enough: keys written since are reachable from the index keys.
        const scanned = attempt === 1 && this.shared ? this.shared : await this.scanFigureKeys(tenantId);
        const found = scanned.get(tenantId)?.get(keys.generation);
        const outcome = await withRedis(() =>
          this.reconcile(keys, {
            repair: !options.dryRun,
            maxOrders: options.maxOrders,
            maxReported: options.maxReported,
            codes: [...(found?.codes ?? [])],
            articles: [...(found?.arts ?? [])],
          }),
        );
        if (!(outcome instanceof Moved)) return outcome;
        if (attempt >= GENERATION_ATTEMPTS)
          throw new Error(`tenant ${tenantId} was replaced ${GENERATION_ATTEMPTS} times during its check`);
      }
    });
  }

  async beginAudit(): Promise<void> {
    this.shared = await redisFailures(() => this.scanFigureKeys());
  }

  endAudit(): void {
    this.shared = null;
  }

  claimScheduledRun(ttlMs: number): Promise<boolean> {
    return withRedis(async () => (await this.redis.set(RECONCILE_LOCK_KEY, randomUUID(), 'PX', ttlMs, 'NX')) === 'OK');
  }

  tenantTotals(tenantIds: number[]): Promise<{ tenantId: number; reservedQty: number; orders: number }[]> {
    return redisFailures(() =>
      Promise.all(
        tenantIds.map(async (tenantId) => {
          for (let attempt = 1; ; attempt++) {
            const keys = orderKeys(tenantId, (await withRedis(() => this.redis.get(tenantKeys(tenantId).gen))) ?? '0');
            const totals = await withRedis(() => this.totals(keys));
            if (!(totals instanceof Moved)) return { tenantId, ...totals };
            if (attempt >= GENERATION_ATTEMPTS)
              throw new Error(`tenant ${tenantId} was replaced ${GENERATION_ATTEMPTS} times during its count`);
          }
        }),
      ),
    );
  }

  /** Every figure key of the tenant (or of all), by generation: one SCAN of the keyspace (of each master). */
  private async scanFigureKeys(tenantId?: number): Promise<FigureKeys> {
    const found: FigureKeys = new Map();
    const nodes: Redis[] = isCluster(this.redis) ? this.redis.nodes('master') : [this.redis];
    const pattern = figureKeysPattern(tenantId);
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, keys] = await withRedis(() => node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000));
        cursor = next;
        for (const key of keys) {
          const parsed = parseFigureKey(key);
          if (!parsed) continue;
          let byGen = found.get(parsed.tenantId);
          if (!byGen) {
            byGen = new Map();
            found.set(parsed.tenantId, byGen);
          }
          let entry = byGen.get(parsed.gen);
          if (!entry) {
            entry = { codes: new Set(), arts: new Set() };
            byGen.set(parsed.gen, entry);
          }
          (parsed.kind === 'og' ? entry.codes : entry.arts).add(parsed.member);
        }
      } while (cursor !== '0');
    }
    return found;
  }
}
