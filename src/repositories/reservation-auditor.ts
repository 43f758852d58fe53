import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { ReservationAuditor, ReservationDrift, TenantAuditOutcome } from '../domain/ports.js';
import { figureKeysPattern, parseFigureKey, RECONCILE_LOCK_KEY, tenantKeys } from './keys.js';
import { RECONCILE_TENANT, TENANT_TOTALS } from './order-scripts.js';
import { withRedis } from './redis-client.js';

type RedisLike = Redis | Cluster;
type Script = (key: string, ...args: (string | number)[]) => Promise<unknown>;

/** Codes and articles that have a figure key, per tenant and generation. */
type FigureKeys = Map<number, Map<string, { codes: Set<string>; arts: Set<string> }>>;

/** A generation switch (PUT /orders) between reading it and checking it: try again, a few times. */
const GENERATION_ATTEMPTS = 3;

function isCluster(redis: RedisLike): redis is Cluster {
  return 'nodes' in redis && typeof (redis as Cluster).nodes === 'function';
}

/**
 * The Redis side of the self-check (see RECONCILE_TENANT in order-scripts.ts). Before the script
 * runs, a SCAN lists the tenant's figure keys, so that a figure nothing points to any more (a key
 * written by hand, say) is checked too: the script itself only reads keys it can name.
 */
export class RedisReservationAuditor implements ReservationAuditor {
  private readonly reconcile: Script;
  private readonly totals: Script;
  /** One SCAN shared by the checks of a run over many tenants. */
  private shared: FigureKeys | null = null;

  constructor(private readonly redis: RedisLike) {
    if (!('reconcileTenant' in redis)) redis.defineCommand('reconcileTenant', { numberOfKeys: 1, lua: RECONCILE_TENANT });
    if (!('tenantTotals' in redis)) redis.defineCommand('tenantTotals', { numberOfKeys: 1, lua: TENANT_TOTALS });
    const commands = redis as unknown as Record<string, Script>;
    this.reconcile = commands.reconcileTenant!.bind(redis);
    this.totals = commands.tenantTotals!.bind(redis);
  }

  auditTenant(tenantId: number, options: { dryRun: boolean; maxOrders: number; maxReported: number }): Promise<TenantAuditOutcome> {
    return withRedis(async () => {
      const keys = tenantKeys(tenantId);
      for (let attempt = 1; ; attempt++) {
        const gen = (await this.redis.get(keys.gen)) ?? '0';
        // The shared scan is fresh enough: keys written since are reachable from the index keys.
        const scanned = attempt === 1 && this.shared ? this.shared : await this.scanFigureKeys(tenantId);
        const found = scanned.get(tenantId)?.get(gen);
        const codes = [...(found?.codes ?? [])];
        const arts = [...(found?.arts ?? [])];
        const reply = (await this.reconcile(
          keys.gen,
          keys.prefix,
          gen,
          options.maxOrders,
          options.dryRun ? '0' : '1',
          options.maxReported,
          codes.length,
          ...codes,
          ...arts,
        )) as unknown[];
        if (reply[0] === 'generation-changed' && attempt < GENERATION_ATTEMPTS) continue;
        if (reply[0] === 'generation-changed') throw new Error(`tenant ${tenantId} was replaced ${GENERATION_ATTEMPTS} times during its check`);
        if (reply[0] === 'too-large') return { status: 'too-large', ordersChecked: Number(reply[1]) };
        const [, orders, driftCount, unreadable, drift] = reply as [string, number, number, string[], unknown[][]];
        return {
          status: 'checked',
          ordersChecked: Number(orders),
          driftCount: Number(driftCount),
          unreadableOrders: unreadable,
          drift: drift.map(toDrift),
        };
      }
    });
  }

  async beginAudit(): Promise<void> {
    this.shared = await withRedis(() => this.scanFigureKeys());
  }

  endAudit(): void {
    this.shared = null;
  }

  claimScheduledRun(ttlMs: number): Promise<boolean> {
    return withRedis(async () => (await this.redis.set(RECONCILE_LOCK_KEY, randomUUID(), 'PX', ttlMs, 'NX')) === 'OK');
  }

  tenantTotals(tenantIds: number[]): Promise<{ tenantId: number; reservedQty: number; orders: number }[]> {
    return withRedis(() =>
      Promise.all(
        tenantIds.map(async (tenantId) => {
          const keys = tenantKeys(tenantId);
          const [reserved, orders] = (await this.totals(keys.gen, keys.prefix)) as [string, number];
          return { tenantId, reservedQty: Number(reserved), orders: Number(orders) };
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
        const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        for (const key of keys) {
          const parsed = parseFigureKey(key);
          if (!parsed) continue;
          let byGen = found.get(parsed.tenantId);
          if (!byGen) found.set(parsed.tenantId, (byGen = new Map()));
          let entry = byGen.get(parsed.gen);
          if (!entry) byGen.set(parsed.gen, (entry = { codes: new Set(), arts: new Set() }));
          (parsed.kind === 'og' ? entry.codes : entry.arts).add(parsed.member);
        }
      } while (cursor !== '0');
    }
    return found;
  }
}

function toDrift([figure, code, artGuid, stored, recomputed]: unknown[]): ReservationDrift {
  const drift: ReservationDrift = {
    figure: figure as ReservationDrift['figure'],
    code: String(code),
    stored: stored === null || stored === undefined ? null : /^-?\d+$/.test(String(stored)) ? Number(stored) : String(stored),
    recomputed: Number(recomputed),
  };
  if (artGuid !== null && artGuid !== undefined) drift.artGuid = String(artGuid);
  return drift;
}
