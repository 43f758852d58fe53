/**
 * Per-key token buckets, in this process: each key may make `perSecond` requests a second on
 * average, in bursts of up to `burst`. Each replica counts only the requests it serves, so the
 * limit a key sees across N replicas behind a balancer is about N times this one. The price of a
 * shared limit would be a Redis round trip on every request; this costs a Map lookup.
 */
export interface RateLimitSettings {
  /** Sustained requests per second per key; 0 turns limiting off. */
  perSecond: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept at most; beyond, full (idle) ones are dropped, which changes nothing for them. */
const MAX_BUCKETS = 50_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly clock: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.settings.perSecond > 0;
  }

  /** 0 when the request may go on; else how many seconds until the key has a token again. */
  take(key: string): number {
    if (!this.enabled) return 0;
    const now = this.clock();
    const { perSecond, burst } = this.settings;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) this.dropIdle(now);
      bucket = { tokens: burst, at: now };
      this.buckets.set(key, bucket);
    } else if (now > bucket.at) {
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) * perSecond) / 1000);
      bucket.at = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    // (less a hair: a refill of 1/60 a second must not round 12 s up to 13 by float error)
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond - 1e-9));
  }

  /**
   * Gives back the token a request took, when it turns out not to count (a sign-in that
   * succeeded: only failed ones are limited).
   */
  refund(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.settings.burst, bucket.tokens + 1);
  }

  private dropIdle(now: number) {
    const { perSecond, burst } = this.settings;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) * perSecond) / 1000 >= burst) this.buckets.delete(key);
    }
  }
}
