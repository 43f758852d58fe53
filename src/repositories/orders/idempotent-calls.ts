import { IdempotencyKeyInUse, IdempotencyKeyReused } from '../../domain/errors.js';
import { type QuotaReader, QuotaExceeded } from '../../domain/quotas.js';
import type { IdempotencyKeyUse, IdempotencySettings } from '../../domain/idempotency.js';
import { tenantKeys } from '../keys.js';
import {
  beginIdempotentScript,
  readIdempotencyRecord,
  releaseIdempotentScript,
  type IdempotencyState,
} from '../redis-scripts/idempotency.js';
import type { RedisLike } from '../redis-scripts/lua-script.js';
import type { IdempotencyStamp } from '../redis-scripts/order-script.js';

/**
 * Writes carried out under an Idempotency-Key (domain/idempotency.ts). Before the write, the key's
 * record is started (begin-idempotent.lua); the script making the change completes it; a retry
 * is answered by decoding the recorded reply exactly as a live one is decoded.
 */
export class IdempotentCalls {
  private readonly begin;
  private readonly release;

  constructor(
    private readonly redis: RedisLike,
    private readonly settings: IdempotencySettings,
    private readonly quotas?: QuotaReader,
  ) {
    this.begin = beginIdempotentScript(redis);
    this.release = releaseIdempotentScript(redis);
  }

  /**
   * The recorded answer of a call under this key, without taking the key: null when it is free.
   * For a caller that must not wait for something else (the tenant lease) before it refuses a
   * retry still running or answers one already done.
   */
  async recorded<T>(tenantId: number, use: IdempotencyKeyUse, now: number, recorded: (reply: unknown) => T): Promise<T | null> {
    const found = await readIdempotencyRecord(this.redis, tenantKeys(tenantId).idempotency(use.key), use.fingerprint, now);
    return this.settle(use, found, recorded);
  }

  private settle<T>(use: IdempotencyKeyUse, found: IdempotencyState, recorded: (reply: unknown) => T): T | null {
    if (found.state === 'mismatch') throw new IdempotencyKeyReused(use.key);
    if (found.state === 'running') throw new IdempotencyKeyInUse(use.key);
    if (found.state === 'done') {
      use.replayedFrom = found.requestId;
      return recorded(found.outcome);
    }
    return null;
  }

  async run<T>(
    tenantId: number,
    use: IdempotencyKeyUse | undefined,
    now: number,
    live: (stamp: IdempotencyStamp | undefined) => Promise<T>,
    recorded: (reply: unknown) => T,
  ): Promise<T> {
    if (!use) return live(undefined);
    const key = tenantKeys(tenantId).idempotency(use.key);
    const most = (await this.quotas?.of(tenantId))?.idempotencyRecords ?? 0;
    let started: IdempotencyState;
    try {
      const begun = await this.begin(key, {
        fingerprint: use.fingerprint,
        requestId: use.requestId,
        now,
        ttlMs: this.settings.ttlMs,
        runningMs: this.settings.runningMs,
        quotaKey: tenantKeys(tenantId).idempotencyRecords,
        most,
      });
      if (begun.state === 'quota') throw new QuotaExceeded('idempotencyRecords', begun.limit, 'one more Idempotency-Key');
      started = begun;
    } catch (error) {
      if (error instanceof QuotaExceeded) throw error;
      // Its reply lost, the key may have been taken all the same.
      await this.releaseKey(key, use.requestId);
      throw error;
    }
    if (started.state !== 'new') return this.settle(use, started, recorded)!;
    try {
      return await live({ key: use.key, fingerprint: use.fingerprint, requestId: use.requestId, ttlMs: this.settings.ttlMs });
    } catch (error) {
      await this.releaseKey(key, use.requestId);
      throw error;
    }
  }

  /**
   * Lets a retry of a request that failed go on at once rather than after `runningMs`. Redis
   * failing is the usual cause, and then the release fails too: it is tried again in the
   * background as the client reconnects (a record the change completed is left as it is).
   */
  private async releaseKey(key: string, requestId: string, attempt = 0): Promise<void> {
    try {
      await this.release(key, requestId);
    } catch {
      if (attempt >= RELEASE_ATTEMPTS) return;
      setTimeout(() => void this.releaseKey(key, requestId, attempt + 1), Math.min(100 * 2 ** attempt, 2000)).unref();
    }
  }
}

/** Tries of a release after the first failed: about 10 s of them, as the client reconnects. */
const RELEASE_ATTEMPTS = 9;
