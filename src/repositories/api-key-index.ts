import type { Cluster, Redis } from 'ioredis';
import type { ApiKeyHolder, ApiKeyIndex } from '../domain/ports.js';
import { API_KEY_INVALIDATION_CHANNEL, apiKeyKey } from './keys.js';
import { withRedis } from './redis-client.js';
import { replicatedWrite } from './replication.js';

type RedisLike = Redis | Cluster;

const REVOKED = 'revoked';
/**
 * How long a tombstone outlives the revocation. It must outlast any lookup that read the key
 * before it was revoked (milliseconds) and a revocation whose MongoDB delete failed until the
 * caller retries it; after that MongoDB alone says the key is gone.
 */
const TOMBSTONE_TTL_SECONDS = 30 * 24 * 3600;
const HOLDER = /^(\d+):(.+)$/;

/**
 * Tenant API keys in use, by hash (`r:apikey:<sha256>` -> `<tenantId>:<keyId>`), and the channel
 * on which replicas announce keys to forget. The subscription uses its own connection (a
 * subscribed Redis connection can do nothing else), tied to the life of the main client.
 */
export class RedisApiKeyIndex implements ApiKeyIndex {
  private subscriber: RedisLike | null = null;
  private subscribed = false;
  private readonly listeners: ((hash: string | null) => void)[] = [];

  constructor(private readonly redis: RedisLike) {}

  get listening(): boolean {
    return this.subscribed;
  }

  get(hash: string): Promise<ApiKeyHolder | 'revoked' | null> {
    return withRedis(async () => {
      const value = await this.redis.get(apiKeyKey(hash));
      if (value === null) return null;
      const match = HOLDER.exec(value);
      // Anything but a well-formed holder counts as revoked: a damaged entry never grants access.
      return match ? { tenantId: Number(match[1]), keyId: match[2]! } : 'revoked';
    });
  }

  putIfAbsent(hash: string, holder: ApiKeyHolder): Promise<boolean> {
    return withRedis(async () => (await this.redis.set(apiKeyKey(hash), `${holder.tenantId}:${holder.keyId}`, 'NX')) === 'OK');
  }

  markRevoked(hash: string): Promise<void> {
    // Waited for: a tombstone lost with its master would let the revoked key in again.
    const key = apiKeyKey(hash);
    return withRedis(
      async () => void (await replicatedWrite(this.redis, key, () => this.redis.set(key, REVOKED, 'EX', TOMBSTONE_TTL_SECONDS))),
    );
  }

  publishInvalidation(hash: string): Promise<void> {
    return withRedis(async () => void (await this.redis.publish(API_KEY_INVALIDATION_CHANNEL, hash)));
  }

  onInvalidation(listener: (hash: string | null) => void): void {
    this.listeners.push(listener);
    this.subscribe();
  }

  private emit(hash: string | null) {
    for (const listener of this.listeners) listener(hash);
  }

  private subscribe() {
    if (this.subscriber) return;
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('error', () => {});
    subscriber.on('message', (channel: string, hash: string) => {
      if (channel === API_KEY_INVALIDATION_CHANNEL) this.emit(hash);
    });
    // Announcements made while we were away are lost: forget everything on every (re)subscription.
    subscriber.on('ready', () => {
      subscriber.subscribe(API_KEY_INVALIDATION_CHANNEL).then(
        () => {
          this.subscribed = true;
          this.emit(null);
        },
        () => subscriber.disconnect(true),
      );
    });
    const lost = () => {
      if (this.subscribed) this.emit(null);
      this.subscribed = false;
    };
    subscriber.on('close', lost);
    subscriber.on('reconnecting', lost);
    this.redis.once('end', () => this.close());
    subscriber.connect().catch(() => {});
  }

  close(): void {
    this.subscribed = false;
    this.subscriber?.disconnect();
  }
}
