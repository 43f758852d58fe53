import { IdempotencyKeyInUse, IdempotencyKeyReused } from '../../domain/errors.js';
import type { IdempotencyKeyUse, IdempotencySettings } from '../../domain/idempotency.js';
import { tenantKeys } from '../keys.js';
import { beginIdempotentScript, releaseIdempotentScript } from '../redis-scripts/idempotency.js';
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
    redis: RedisLike,
    private readonly settings: IdempotencySettings,
  ) {
    this.begin = beginIdempotentScript(redis);
    this.release = releaseIdempotentScript(redis);
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
    const started = await this.begin(key, { fingerprint: use.fingerprint, requestId: use.requestId, now, ttlMs: this.settings.ttlMs, runningMs: this.settings.runningMs });
    if (started.state === 'mismatch') throw new IdempotencyKeyReused(use.key);
    if (started.state === 'running') throw new IdempotencyKeyInUse(use.key);
    if (started.state === 'done') {
      use.replayedFrom = started.requestId;
      return recorded(started.outcome);
    }
    try {
      return await live({ key: use.key, fingerprint: use.fingerprint, requestId: use.requestId, ttlMs: this.settings.ttlMs });
    } catch (error) {
      await this.release(key, use.requestId).catch(() => {});
      throw error;
    }
  }
}
