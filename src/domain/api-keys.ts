import { hash, randomBytes, randomUUID } from 'node:crypto';
import { StoreUnavailable } from './errors.js';
import type { DomainLogger } from './logger.js';
import type { ApiKeyArchive, ApiKeyHolder, ApiKeyIndex, ApiKeyRecord } from './ports.js';

/**
 * Tenant API keys. A key is 32 random bytes (base64url) behind a recognisable prefix, shown once
 * at creation; only its SHA-256 is stored. A high-entropy random secret needs no slow hash: nobody
 * can guess a key from its SHA-256, and looking keys up by hash means no comparison ever runs over
 * the secret itself.
 *
 * Where keys live, and why:
 *   - MongoDB (`ApiKeyArchive`) is the durable record: creation, listing and revocation go there.
 *   - Redis (`ApiKeyIndex`) holds hash -> tenant for every key in use, so that checking a key needs
 *     neither MongoDB (the order routes keep working while it is down) nor this replica's memory.
 *     A revoked key leaves a tombstone there, so that a slow reader can never write it back.
 *   - Each replica caches hash -> tenant in memory for `cacheTtlMs`: the hot path costs one
 *     SHA-256 and one Map lookup. Revocation publishes the hash on a channel every replica listens
 *     to; a replica trusts its cache only while it is listening and forgets it all whenever it
 *     (re)subscribes, since messages may have been missed meanwhile.
 */
export const API_KEY_PREFIX = 'rsv_';
const API_KEY_PATTERN = /^rsv_[A-Za-z0-9_-]{43}$/;

export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** SHA-256, hex. `crypto.hash` is the one-shot form: half the cost of createHash on the hot path. */
export function hashApiKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/** Constant-time equality of two hex digests (no early exit on the first difference). */
export function sameDigest(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/** Anything else is unknown without asking any store: garbage costs a regex test. */
export function looksLikeApiKey(token: string): boolean {
  return API_KEY_PATTERN.test(token);
}

export interface ApiKeySettings {
  /** How long a replica trusts what it learnt about a key (revocation reaches it at once anyway). */
  cacheTtlMs: number;
  /** How long an unknown key is remembered as unknown (a new key is announced, so this is safe). */
  unknownTtlMs: number;
  /** Unknown keys remembered at most; beyond, they are forgotten (memory stays bounded under attack). */
  maxUnknown: number;
  /** A request never waits longer on MongoDB for a key Redis does not know (a hung MongoDB). */
  archiveTimeoutMs: number;
}

/** Everything but the cache's time to live (API_KEY_CACHE_TTL_MS), which is configured. */
export const DEFAULT_API_KEY_SETTINGS: Omit<ApiKeySettings, 'cacheTtlMs'> = {
  unknownTtlMs: 5_000,
  maxUnknown: 10_000,
  archiveTimeoutMs: 2_000,
};

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreUnavailable('mongodb')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface ApiKeyDeps {
  archive: ApiKeyArchive;
  index: ApiKeyIndex;
  clock: () => number;
  log: DomainLogger;
}

/** A key as listed: never the secret nor its hash. */
export interface ApiKeySummary {
  id: string;
  tenantId: number;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CreatedApiKey extends ApiKeySummary {
  /** The secret: answered once, never stored. */
  key: string;
}

interface Cached {
  holder: ApiKeyHolder | null;
  until: number;
}

export class ApiKeys {
  private readonly known = new Map<string, Cached>();
  private readonly unknown = new Map<string, number>();
  /** Moves on at every invalidation: a lookup that overlapped one does not cache what it read. */
  private epoch = 0;
  /** keyId -> last use (ms) not yet written to the archive. */
  private readonly lastUse = new Map<string, number>();
  /** hash -> when MongoDB was last asked whether the key still exists (at most once a cache period). */
  private readonly rechecked = new Map<string, number>();

  constructor(
    private readonly deps: ApiKeyDeps,
    private readonly settings: ApiKeySettings,
  ) {
    deps.index.onInvalidation((hash) => this.forget(hash));
  }

  private forget(hash: string | null) {
    this.epoch += 1;
    if (hash === null) {
      this.known.clear();
      this.unknown.clear();
    } else {
      this.known.delete(hash);
      this.unknown.delete(hash);
    }
  }

  /**
   * The tenant a key belongs to, or null when the key is unknown or revoked. Throws
   * StoreUnavailable when no store can tell (the caller answers 503, not 401). `digest` is the
   * token's hashApiKey when the caller has it already.
   */
  async verify(token: string, digest?: string): Promise<ApiKeyHolder | null> {
    if (!looksLikeApiKey(token)) return null;
    return this.resolve(digest ?? hashApiKey(token), true);
  }

  /**
   * The holder of the key whose digest this is (a console session keeps the digest, never the
   * key): null once the key is revoked, as for verify, but not counted as a use of the key.
   */
  holderOf(digest: string): Promise<ApiKeyHolder | null> {
    return this.resolve(digest, false);
  }

  private async resolve(hash: string, use: boolean): Promise<ApiKeyHolder | null> {
    const now = this.deps.clock();
    const trusted = this.deps.index.listening;
    if (trusted) {
      const cached = this.known.get(hash);
      if (cached && cached.until > now) {
        if (cached.holder && use) this.lastUse.set(cached.holder.keyId, now);
        return cached.holder;
      }
      const unknownUntil = this.unknown.get(hash);
      if (unknownUntil !== undefined && unknownUntil > now) return null;
    }
    const epoch = this.epoch;
    const holder = await this.lookUp(hash);
    if (trusted && epoch === this.epoch && this.deps.index.listening) this.remember(hash, holder, now);
    if (holder && use) this.lastUse.set(holder.keyId, now);
    return holder;
  }

  private remember(hash: string, holder: ApiKeyHolder | null, now: number) {
    if (holder) {
      this.known.set(hash, { holder, until: now + this.settings.cacheTtlMs });
      this.unknown.delete(hash);
    } else {
      if (this.unknown.size >= this.settings.maxUnknown) this.unknown.clear();
      this.unknown.set(hash, now + this.settings.unknownTtlMs);
    }
  }

  private async lookUp(hash: string): Promise<ApiKeyHolder | null> {
    const indexed = await this.deps.index.get(hash);
    if (indexed === 'revoked') return null;
    if (indexed) {
      // MongoDB stays the authority: a key removed there behind our back stops working within a
      // cache period. Not awaited, so a MongoDB outage costs nothing here.
      void this.recheck(hash);
      return indexed;
    }
    const record = await within(this.deps.archive.findKeyByHash(hash), this.settings.archiveTimeoutMs);
    if (!record || !sameDigest(record.hash, hash)) return null;
    const holder = { tenantId: record.tenantId, keyId: record.id };
    // A tombstone written meanwhile wins: the key was revoked while we read it.
    if (!(await this.deps.index.putIfAbsent(hash, holder))) return (await this.deps.index.get(hash)) === 'revoked' ? null : holder;
    return holder;
  }

  private async recheck(hash: string): Promise<void> {
    const now = this.deps.clock();
    if ((this.rechecked.get(hash) ?? 0) > now - this.settings.cacheTtlMs) return;
    if (this.rechecked.size >= this.settings.maxUnknown) this.rechecked.clear();
    this.rechecked.set(hash, now);
    try {
      if (await this.deps.archive.findKeyByHash(hash)) return;
      await this.deps.index.markRevoked(hash);
      this.forget(hash);
      await this.deps.index.publishInvalidation(hash);
      this.deps.log.warn({ keyHash: hash.slice(0, 12) }, 'API key found in Redis but not in MongoDB: disabled');
    } catch {
      // MongoDB or Redis unavailable: checked again at the next cache miss.
    }
  }

  async createKey(tenantId: number): Promise<CreatedApiKey> {
    const key = generateApiKey();
    const record: ApiKeyRecord = {
      id: randomUUID(),
      tenantId,
      hash: hashApiKey(key),
      createdAt: new Date(this.deps.clock()).toISOString(),
    };
    // Durable first: a key answered to the caller survives a Redis loss.
    await this.deps.archive.insertKey(record);
    this.forget(record.hash);
    try {
      await this.deps.index.putIfAbsent(record.hash, { tenantId, keyId: record.id });
      await this.deps.index.publishInvalidation(record.hash);
    } catch (error) {
      // The key is in MongoDB: its first use indexes it in Redis.
      this.deps.log.warn({ tenantId, keyId: record.id, err: error }, 'API key created; Redis index deferred to its first use');
    }
    return { id: record.id, tenantId, createdAt: record.createdAt, lastUsedAt: null, key };
  }

  async listKeys(tenantId: number): Promise<ApiKeySummary[]> {
    await this.flushLastUse().catch(() => {});
    const records = await this.deps.archive.listKeys(tenantId);
    return records.map((r) => ({ id: r.id, tenantId: r.tenantId, createdAt: r.createdAt, lastUsedAt: r.lastUsedAt ?? null }));
  }

  /**
   * Revokes a key; false when the tenant has no such key. The Redis tombstone comes first: should
   * MongoDB then fail, the key is already refused everywhere and the caller, told 503, retries.
   */
  async revokeKey(tenantId: number, keyId: string): Promise<boolean> {
    const record = await this.deps.archive.getKey(tenantId, keyId);
    if (!record) return false;
    await this.deps.index.markRevoked(record.hash);
    this.forget(record.hash);
    await this.deps.index.publishInvalidation(record.hash).catch((error) => {
      // Replicas that missed it were disconnected from Redis, and forget their cache on reconnect.
      this.deps.log.warn({ tenantId, keyId, err: error }, 'API key revocation not announced');
    });
    await this.deps.archive.deleteKey(tenantId, keyId);
    this.lastUse.delete(keyId);
    return true;
  }

  /** Writes the last uses seen by this replica to the archive (kept for the next try on failure). */
  async flushLastUse(): Promise<number> {
    if (this.lastUse.size === 0) return 0;
    const uses = [...this.lastUse].map(([keyId, at]) => ({ keyId, at: new Date(at).toISOString() }));
    this.lastUse.clear();
    try {
      await this.deps.archive.recordLastUse(uses);
      return uses.length;
    } catch (error) {
      for (const use of uses) if (!this.lastUse.has(use.keyId)) this.lastUse.set(use.keyId, Date.parse(use.at));
      throw error;
    }
  }
}
