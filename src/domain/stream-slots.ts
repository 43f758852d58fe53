/** How many Server-Sent Events streams may be open at once on one replica. */
export interface StreamLimits {
  /** Per API key (or console session, or the admin key). */
  perKey: number;
  perTenant: number;
  perReplica: number;
}

/**
 * The open event streams of this replica, counted per key, per tenant and in all: a stream takes
 * a slot of each before it starts and gives them back when it ends. Each stream holds a Redis
 * follower and a socket for as long as the client wants; without a cap one tenant could hold them
 * all.
 */
export class StreamSlots {
  private readonly byKey = new Map<string, number>();
  private readonly byTenant = new Map<number, number>();
  private open = 0;

  constructor(readonly limits: StreamLimits) {}

  /** A release function, or which limit is reached. */
  take(tenantId: number, key: string): (() => void) | { limit: keyof StreamLimits; most: number } {
    const { perKey, perTenant, perReplica } = this.limits;
    if ((this.byKey.get(key) ?? 0) >= perKey) return { limit: 'perKey', most: perKey };
    if ((this.byTenant.get(tenantId) ?? 0) >= perTenant) return { limit: 'perTenant', most: perTenant };
    if (this.open >= perReplica) return { limit: 'perReplica', most: perReplica };
    this.byKey.set(key, (this.byKey.get(key) ?? 0) + 1);
    this.byTenant.set(tenantId, (this.byTenant.get(tenantId) ?? 0) + 1);
    this.open += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open -= 1;
      const k = (this.byKey.get(key) ?? 1) - 1;
      if (k > 0) this.byKey.set(key, k);
      else this.byKey.delete(key);
      const t = (this.byTenant.get(tenantId) ?? 1) - 1;
      if (t > 0) this.byTenant.set(tenantId, t);
      else this.byTenant.delete(tenantId);
    };
  }
}
