/**
 * Every Redis key name is built here. A tenant's keys all start with `r:{t:<tenantId>}:` so that
 * they hash to one Redis Cluster slot and every script runs on one shard.
 *
 * Layout under the tenant prefix T:
 *   T gen            current generation G of the order set (absent = "0"); PUT builds a new one
 *   T G:o            hash  orderId -> the order's stored form: its JSON without tenantId (implied by the
 *                          key), each key with its quotes as one control character (orders/stored-order.ts)
 *   T G:oq / ol / oo hash  code -> reserved quantity / line count / order count at that origin
 *   T G:og:<code>    hash  artGuid -> quantity reserved at that origin
 *   T G:ar:<artGuid> hash  code -> quantity of that article reserved there
 *   T G:i            zset  the order indexes (by type, origin, last update, expiry),
 *                          read lexically, orderIds as 16 bytes (redis-scripts/includes/zadd-members.lua);
 *                          G:ix was its layout with GUIDs as text (migrations/compact-order-index.ts)
 *   T G:ai:<artGuid> zset  the 16-byte ids of the orders with a line of that article (small: a
 *                          listpack; migrations/article-indexes.ts moved them out of G:i)
 *   T G:sf           the stored form G's orders were all converted to (migrations/compact-stored-orders.ts)
 *   T G:n            hash  counters: articles reserved (orders per type, lines and units are read
 *                          from G:i and the origins' figures: redis-scripts/tenant-summary.lua)
 *   T genseq         counter for new generations;   T gc  list of generations to delete
 *   T dirty          hash orderId -> token of its latest change (what the next sync writes)
 *   T events         stream of the tenant's events (redis-scripts/includes/emit.lua, emit-order-event.lua)
 *   T cap            hash  code -> capacity "maxQty,maxLines,maxOrders"
 *   T thr            the tenant's saturation thresholds, "0.8,1"
 *   T stk            hash  code\0artGuid -> "onHand,asOfMs" of each tracked pair (stock levels)
 *   T stka:<artGuid> set of the codes where the article is tracked (its views list them)
 *   T pol            the tenant's reservation policy when not the default: "if-available"
 *   T idem:<key>     hash  the record of an Idempotency-Key (redis-scripts/begin-idempotent.lua)
 *   T idemq          zset  the tenant's records by expiry, for its idempotencyRecords quota
 *   T quota          hash  the quotas set for the tenant (quota name -> limit; domain/quotas.ts)
 *   T cfg            tenant configuration JSON
 *   T synced         present once a full sync has confirmed MongoDB mirrors the tenant
 *   T base           present once the tenant's archived orders were restored (or found empty)
 *   T lock:sync      tenant lock held by the replica syncing or replacing the tenant
 *   T wh:ep          hash endpointId -> webhook endpoint JSON (the copy of MongoDB's the dispatcher reads)
 *   T wh:es          hash endpointId -> endpoint health JSON (since, failingSince, disabled...)
 *   T wh:cursor      id of the last event the webhook fan-out turned into deliveries
 *   T wh:due:<ep>    zset eventId -> when the endpoint's pending delivery is next attempted (ms)
 *   T wh:s:<ep>      hash eventId -> delivery state JSON;  T wh:p:<ep> hash eventId -> event data
 *   T wh:ix:<ep>:<status>  zset (lexicographic, padded event ids) of deliveries by status
 *   T wh:st5:<ep>:<n> / T wh:st:<ep>:<n>  hash of attempt counts per 5-minute / hourly bucket
 *                          (expiring), T wh:last:<ep> hash of the last success and failure
 *                          (redis-scripts/includes/wh-count.lua)
 * Codes and artGuids only ever appear after the hash tag, as data: never in a pattern.
 */
export const TENANTS_KEY = 'r:tenants';
/**
 * The tenant registry, kept in three copies on three Cluster slots (4275, 9974, 14039: one in each
 * third of the slot space, so on three different masters of a cluster of three or six): a master
 * that restarts empty takes one copy with it, not the list of tenants on the other masters.
 */
export const TENANT_REGISTRY_KEYS = [TENANTS_KEY, 'r:tenants:{5}', 'r:tenants:{4}'] as const;
export const SYNC_RUNS_KEY = 'r:sync:runs';

/**
 * An ops-console session (by the digest of its id), with its expiry as TTL. Sessions are not
 * tenant data (an admin's session spans every tenant) and no script touches them with other keys,
 * so they carry no tenant hash tag: on a Cluster they spread over the slots like any single key.
 */
export function consoleSessionKey(digest: string): string {
  return `r:console:session:${digest}`;
}

export function tenantPrefix(tenantId: number): string {
  return `r:{t:${tenantId}}:`;
}

export function tenantKeys(tenantId: number) {
  const t = tenantPrefix(tenantId);
  return {
    prefix: t,
    gen: `${t}gen`,
    genSeq: `${t}genseq`,
    gc: `${t}gc`,
    dirty: `${t}dirty`,
    config: `${t}cfg`,
    synced: `${t}synced`,
    base: `${t}base`,
    syncLock: `${t}lock:sync`,
    lastSync: `${t}sync:last`,
    events: `${t}events`,
    capacities: `${t}cap`,
    thresholds: `${t}thr`,
    stock: `${t}stk`,
    /** Prefix of T stka:<artGuid>, the origins where an article is tracked. */
    stockArticles: `${t}stka:`,
    policy: `${t}pol`,
    /** The quotas set for the tenant (a hash: quota name -> limit); what is missing is the default. */
    quotas: `${t}quota`,
    /** The record of an Idempotency-Key; with no key, a name no script writes to. */
    idempotency: (key?: string) => `${t}idem:${key ?? ''}`,
    /** The tenant's Idempotency-Key records by expiry (a sorted set), for its quota. */
    idempotencyRecords: `${t}idemq`,
    generation(gen: string) {
      const g = `${t}${gen}:`;
      return {
        prefix: g,
        orders: `${g}o`,
        originQty: `${g}oq`,
        originLines: `${g}ol`,
        originOrders: `${g}oo`,
        index: `${g}i`,
        /** The index as builds before issue 20 wrote it (GUIDs as text): only migrations and the collector know it. */
        legacyIndex: `${g}ix`,
        counters: `${g}n`,
        /** The stored form its orders are known to be in, once converted (migrations/compact-stored-orders.ts). */
        storedForm: `${g}sf`,
        origin: (code: string) => `${g}og:${code}`,
        article: (artGuid: string) => `${g}ar:${artGuid}`,
        articleIndex: (artGuid: string) => `${g}ai:${artGuid}`,
      };
    },
  };
}

/**
 * The keys of one generation of a tenant's orders with the tenant keys every order script takes
 * (redis-scripts/includes/order-context.lua): what the order scripts are called with.
 */
export interface OrderKeys {
  /** The generation these keys belong to. */
  generation: string;
  /** Its key prefix, from which scripts derive the figure keys of lines found in stored orders. */
  prefix: string;
  /** The tenant's visible-generation pointer. */
  pointer: string;
  orders: string;
  originQty: string;
  originLines: string;
  originOrders: string;
  index: string;
  counters: string;
  /** The tenant's pending changes (what the next sync writes). */
  changes: string;
  events: string;
  capacities: string;
  thresholds: string;
  stock: string;
  stockArticles: string;
  policy: string;
  lastSync: string;
  idempotency(key?: string): string;
  origin(code: string): string;
  article(artGuid: string): string;
}

export function orderKeys(tenantId: number, generation: string): OrderKeys {
  const tenant = tenantKeys(tenantId);
  return {
    ...tenant.generation(generation),
    generation,
    pointer: tenant.gen,
    changes: tenant.dirty,
    events: tenant.events,
    capacities: tenant.capacities,
    thresholds: tenant.thresholds,
    stock: tenant.stock,
    stockArticles: tenant.stockArticles,
    policy: tenant.policy,
    lastSync: tenant.lastSync,
    idempotency: tenant.idempotency,
  };
}

/** The tenant's webhook keys (redis-scripts/webhook-*.lua derive the per-endpoint ones from `prefix`). */
export function webhookKeys(tenantId: number) {
  const t = tenantPrefix(tenantId);
  return {
    prefix: `${t}wh:`,
    events: `${t}events`,
    endpoints: `${t}wh:ep`,
    health: `${t}wh:es`,
    cursor: `${t}wh:cursor`,
    endpoint(endpointId: string) {
      const e = `${t}wh:`;
      return {
        due: `${e}due:${endpointId}`,
        states: `${e}s:${endpointId}`,
        payloads: `${e}p:${endpointId}`,
        index: (status: 'pending' | 'delivered' | 'failed') => `${e}ix:${endpointId}:${status}`,
      };
    },
  };
}

/** The tenants that have webhook endpoints: what the dispatcher walks (rebuilt from MongoDB when lost). */
export const WEBHOOK_TENANTS_KEY = 'r:webhooks:tenants';

/** hash -> `<tenantId>:<keyId>` of a tenant API key in use, or `revoked` (a tombstone). */
export function apiKeyKey(hash: string): string {
  return `r:apikey:${hash}`;
}

/** Pub/sub channel: the hash of an API key every replica must forget (revoked, or just created). */
export const API_KEY_INVALIDATION_CHANNEL = 'r:apikeys:invalidate';
export const RECONCILE_LOCK_KEY = 'r:lock:reconcile';

/**
 * SCAN pattern of the per-origin and per-article figure keys (`T G:og:<code>`, `T G:ar:<artGuid>`)
 * and of the articles' indexes (`T G:ai:<artGuid>`) of one tenant, or of every tenant. Only digits
 * and literal characters are put in it: codes never are, so no code can widen it.
 */
export function figureKeysPattern(tenantId?: number): string {
  return tenantId === undefined ? 'r:{t:*}:*:[oa][gri]:*' : `${tenantPrefix(tenantId)}*:[oa][gri]:*`;
}

const FIGURE_KEY = /^r:\{t:(\d+)\}:(\d+):(og|ar|ai):(.*)$/s;

/** The parts of a figure key (or an article's index), or null when the key is not one. */
export function parseFigureKey(key: string): { tenantId: number; gen: string; kind: 'og' | 'ar' | 'ai'; member: string } | null {
  const match = FIGURE_KEY.exec(key);
  if (!match) return null;
  return { tenantId: Number(match[1]), gen: match[2]!, kind: match[3] as 'og' | 'ar' | 'ai', member: match[4]! };
}

/**
 * The short-lived key a wait for replicas writes before its WAIT (replication.ts): in the hash tag
 * of `key` (a tenant's key: its shard), outside the tenant's `r:{t:<id>}:` keys that scans walk.
 * A key without a hash tag (an API key's entry, a console session) is hashed whole, so the marker
 * takes the whole key as its tag: the same slot.
 */
export function replicationMarkerKey(key: string): string {
  const tag = /\{[^}]+\}/.exec(key)?.[0] ?? `{${key}}`;
  return `wait-marker:${tag}`;
}
