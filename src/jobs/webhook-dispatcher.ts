import { randomUUID } from 'node:crypto';
import type { EventWatcher } from '../domain/events.js';
import { attemptDelivery, type AttemptReport } from '../domain/webhook-deliveries.js';
import type { WebhookDeps } from '../domain/webhook-endpoints.js';
import type { ClaimedDelivery } from '../domain/webhook-ports.js';
import { firstAttemptDelay } from '../domain/webhooks.js';

export interface DispatcherTuning {
  /** How long a claimed delivery is this replica's alone (longer than an attempt can take). */
  leaseMs: number;
  /** Events turned into deliveries per step. */
  fanoutBatch: number;
  /** A tenant with nothing due is looked at again after this, at the latest. */
  idleRecheckMs: number;
  /** How often the list of tenants with endpoints is read again. */
  tenantRefreshMs: number;
}

export function dispatcherTuning(settings: { timeoutMs: number }): DispatcherTuning {
  return { leaseMs: 2 * settings.timeoutMs + 2000, fanoutBatch: 500, idleRecheckMs: 1000, tenantRefreshMs: 2000 };
}

/**
 * The replica's webhook dispatcher: walks the tenants with endpoints and, per tenant, runs one
 * atomic step (redis-scripts/webhook-pump.lua) that turns new events into deliveries and leases
 * the due ones to this replica, then attempts them, at most `concurrency` at once. Any number of
 * replicas run it side by side: a lease makes each attempt one replica's, and a replica that dies
 * mid-attempt loses its leases when they end, so another takes the deliveries over.
 *
 * It looks at a tenant when the shared event reader sees a new event of it, when a delivery of
 * it is due, and at least every `idleRecheckMs` (deliveries due after another replica's step).
 */
export class WebhookDispatcher {
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly nextCheck = new Map<number, number>();
  private readonly kicked = new Set<number>();
  private readonly watches = new Map<number, { stop(): void }>();
  private tenants: number[] = [];
  private tenantsReadAt = -Infinity;
  private wake: (() => void) | null = null;
  /** A kick came since the loop last started a pass: do not sleep. */
  private kickedSincePass = false;
  private readonly replica = randomUUID().slice(0, 8);
  private step = 0;
  private pass = 0;
  private readonly listeners: ((report: AttemptReport) => void)[] = [];
  /** Claim at least this many at once when others are in flight: a quarter of the concurrency. */
  private readonly minClaim: number;
  /** Attempts in flight per endpoint (`<tenant>/<endpoint>`), each kept under `perEndpoint`. */
  private readonly inFlightTo = new Map<string, number>();
  /** Attempts in flight per tenant, each kept under its fair share (shareOf). */
  private readonly inFlightFor = new Map<number, number>();
  /**
   * At most this many of the replica's attempts go to one endpoint (three quarters of them): a
   * slow receiver does not hold up the others.
   */
  private readonly perEndpoint: number;
  private readonly endpointBatch: number;
  /** Attempts in flight one tenant may have while other tenants have endpoints. */
  private readonly perTenant: number;
  private saturatedSince: number | null = null;

  constructor(
    private readonly deps: WebhookDeps & { watcher: EventWatcher },
    private readonly tuning: DispatcherTuning = dispatcherTuning(deps.settings),
  ) {
    this.minClaim = Math.max(1, Math.ceil(deps.settings.concurrency / 4));
    this.perEndpoint = Math.max(1, deps.settings.concurrency - this.minClaim);
    this.endpointBatch = Math.max(1, Math.ceil(this.perEndpoint / 4));
    this.perTenant = Math.max(1, deps.settings.concurrency - Math.ceil(this.minClaim / 2));
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Sees every attempt's report (metrics). */
  onAttempt(listener: (report: AttemptReport) => void): void {
    this.listeners.push(listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.tenantsReadAt = -Infinity;
    this.loop = this.run();
  }

  /** Stops taking deliveries and waits for the attempts in flight to be recorded. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
    for (const watch of this.watches.values()) watch.stop();
    this.watches.clear();
  }

  /** Looks at the tenant (or every tenant) at once: a new event, a manual retry. */
  kick(tenantId?: number): void {
    if (tenantId === undefined) this.tenantsReadAt = -Infinity;
    else this.kicked.add(tenantId);
    this.kickedSincePass = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    const { store, clock, log, settings } = this.deps;
    while (this.running) {
      this.kickedSincePass = false;
      await this.refreshTenants();
      const now = clock();
      let wakeAt = now + this.tuning.idleRecheckMs;
      let saturated = false;
      // Each pass starts with another tenant: near capacity, the first ones would otherwise take it all.
      const start = this.tenants.length > 0 ? this.pass++ % this.tenants.length : 0;
      for (const tenantId of [...this.tenants.slice(start), ...this.tenants.slice(0, start)]) {
        if (!this.running) break;
        const free = settings.concurrency - this.inFlight.size;
        const checkAt = this.nextCheck.get(tenantId) ?? 0;
        if (!this.kicked.has(tenantId) && checkAt > now) {
          wakeAt = Math.min(wakeAt, checkAt);
          continue;
        }
        // Near capacity: wait for a batch of attempts to end rather than claim them one by one
        // (a step per delivery would make the steps, not the receivers, the limit).
        const waitedLong = this.saturatedSince !== null && now - this.saturatedSince >= this.tuning.idleRecheckMs;
        if (free <= 0 || (free < this.minClaim && this.inFlight.size > 0 && !waitedLong)) {
          this.saturatedSince ??= now;
          saturated = true;
          break;
        }
        this.saturatedSince = null;
        // A tenant takes no more than its fair share of the pool while others wait: its slow
        // receivers hold its own attempts, not everyone's.
        const share = this.shareOf(tenantId, now) - (this.inFlightFor.get(tenantId) ?? 0);
        if (share <= 0) continue;
        this.kicked.delete(tenantId);
        const token = `${this.replica}:${++this.step}`;
        try {
          const result = await store.pump(tenantId, {
            now,
            firstDelayMs: firstAttemptDelay(settings.retryScheduleMs),
            fanoutLimit: this.tuning.fanoutBatch,
            claimLimit: Math.min(free, share),
            leaseMs: this.tuning.leaseMs,
            token,
            room: this.roomFor(tenantId),
            pausedDeliveries: (await this.deps.quotas?.of(tenantId))?.pausedDeliveries,
          });
          if (result.dropped > 0) {
            log.warn(
              { tenantId, dropped: result.dropped },
              "webhook deliveries not queued for paused endpoints: the tenant's pausedDeliveries quota is reached (the events stay in the feed)",
            );
          }
          if (result.gap) log.error({ tenantId, gap: result.gap }, 'webhook deliveries missed: events left the feed before they were sent');
          for (const claim of result.claims) this.attempt(tenantId, claim, token);
          const again = result.moreEvents || result.claims.length >= Math.min(free, share);
          const next = again ? now : Math.min(result.nextDue ?? Infinity, now + this.tuning.idleRecheckMs);
          this.nextCheck.set(tenantId, next);
          wakeAt = Math.min(wakeAt, next);
        } catch (error) {
          log.warn({ tenantId, err: error instanceof Error ? error.message : String(error) }, 'webhook dispatch step failed; retrying');
          this.nextCheck.set(tenantId, now + 1000);
        }
      }
      if (!this.running) break;
      if (saturated) {
        // At capacity: the next pass comes when a batch of attempts ended (or after a while).
        const deadline = Date.now() + this.tuning.idleRecheckMs;
        while (
          this.running &&
          settings.concurrency - this.inFlight.size < this.minClaim &&
          this.inFlight.size > 0 &&
          Date.now() < deadline
        ) {
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([...this.inFlight, new Promise((resolve) => (timer = setTimeout(resolve, deadline - Date.now())))]);
          clearTimeout(timer);
          // Let the ended attempts leave the set (their `finally` runs after the race settles).
          await new Promise((resolve) => setImmediate(resolve));
        }
      } else {
        await this.sleep(Math.max(0, wakeAt - clock()));
      }
    }
  }

  /**
   * How many attempts a tenant may have in flight: the pool shared evenly between the tenants that
   * have attempts in flight or work due now (it included), so that one tenant's slow receivers
   * cannot hold the whole pool while another tenant's deliveries wait.
   */
  private shareOf(tenantId: number, now: number): number {
    const busy = new Set<number>([tenantId, ...this.inFlightFor.keys()]);
    for (const t of this.tenants) if (this.kicked.has(t) || (this.nextCheck.get(t) ?? 0) <= now) busy.add(t);
    const even = Math.max(1, Math.floor(this.deps.settings.concurrency / busy.size));
    // With other tenants about, none takes the last eighth of the pool: a tenant whose work comes
    // next finds room within a pass, not when slow attempts time out. (More than one endpoint's
    // three quarters, so that a tenant's other endpoints still get theirs.)
    return this.tenants.length > 1 ? Math.min(even, this.perTenant) : even;
  }

  /** The endpoints of the tenant this replica has attempts in flight to, and how many more each may take. */
  private roomFor(tenantId: number): Map<string, number> {
    const room = new Map<string, number>();
    const prefix = `${tenantId}/`;
    for (const [key, n] of this.inFlightTo) if (key.startsWith(prefix)) room.set(key.slice(prefix.length), this.perEndpoint - n);
    return room;
  }

  private attempt(tenantId: number, claim: ClaimedDelivery, token: string): void {
    const key = `${tenantId}/${claim.endpoint.id}`;
    this.inFlightTo.set(key, (this.inFlightTo.get(key) ?? 0) + 1);
    this.inFlightFor.set(tenantId, (this.inFlightFor.get(tenantId) ?? 0) + 1);
    const run = (async () => {
      try {
        const report = await attemptDelivery(this.deps, tenantId, claim, token);
        for (const listener of this.listeners) listener(report);
        if (report.endpointDisabled) await this.recordDisabled(tenantId, claim.endpoint.id);
      } catch (error) {
        this.deps.log.error(
          { tenantId, endpointId: claim.endpoint.id, eventId: claim.eventId, err: error },
          'webhook attempt not recorded; retried when its lease ends',
        );
      }
    })();
    this.inFlight.add(run);
    void run.finally(() => {
      this.inFlight.delete(run);
      const left = (this.inFlightTo.get(key) ?? 1) - 1;
      if (left > 0) this.inFlightTo.set(key, left);
      else this.inFlightTo.delete(key);
      const tenantLeft = (this.inFlightFor.get(tenantId) ?? 1) - 1;
      if (tenantLeft > 0) this.inFlightFor.set(tenantId, tenantLeft);
      else this.inFlightFor.delete(tenantId);
      // Back to the tenant once a batch can be claimed for the endpoint (or nothing is in flight to
      // it): a step per ended attempt would make the steps, not the receivers, the limit.
      if (left <= this.perEndpoint - this.endpointBatch) this.kick(tenantId);
    });
  }

  /** Writes the disabled state to MongoDB too, so that it survives a Redis loss (best effort). */
  private async recordDisabled(tenantId: number, endpointId: string): Promise<void> {
    const health = (await this.deps.store.readHealth(tenantId)).get(endpointId);
    this.deps.log.warn({ tenantId, endpointId, reason: health?.disabledReason }, 'webhook endpoint disabled');
    if (health?.disabledAt) {
      await this.deps.archive
        .markDisabled(tenantId, endpointId, health.disabledAt, health.disabledReason ?? '')
        .catch((err) =>
          this.deps.log.warn(
            { tenantId, endpointId, err: err instanceof Error ? err.message : String(err) },
            'disabled state not written to MongoDB',
          ),
        );
    }
  }

  private async refreshTenants(): Promise<void> {
    const now = Date.now();
    if (now - this.tenantsReadAt < this.tuning.tenantRefreshMs) return;
    try {
      this.tenants = await this.deps.store.listTenants();
      this.tenantsReadAt = now;
    } catch (error) {
      this.deps.log.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'could not read the tenants with webhooks; retrying',
      );
      return;
    }
    const current = new Set(this.tenants);
    for (const [tenantId, watch] of this.watches) {
      if (!current.has(tenantId)) {
        watch.stop();
        this.watches.delete(tenantId);
        this.nextCheck.delete(tenantId);
      }
    }
    for (const tenantId of this.tenants) {
      if (this.watches.has(tenantId)) continue;
      try {
        this.watches.set(
          tenantId,
          await this.deps.watcher.watch(tenantId, (batch) => {
            if (batch) this.kick(tenantId);
          }),
        );
      } catch {
        // Without the reader's nudge the tenant is still looked at every idleRecheckMs.
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.kickedSincePass) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.wake === done) self.wake = null;
        resolve();
      }
      this.wake = done;
    });
  }
}
