import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client';
import type { SyncRunReport } from './domain/ports.js';
import type { ReconcileRunReport } from './domain/reconcile.js';

/** What the webhook backlog gauges read at scrape time: per endpoint, its pending deliveries and the oldest one's event time (ms). */
export type WebhookBacklogSource = () => Promise<
  { tenantId: number; endpointId: string; pending: number; oldestEventMs: number | null; disabled: boolean }[]
>;

/** The outcome of one webhook attempt, as the dispatcher reports it. */
export interface WebhookAttemptObservation {
  status: 'pending' | 'delivered' | 'failed' | 'lost' | 'gone';
  result: { durationMs: number };
}

/** What the operations gauges read at scrape time, per tenant (see `readOperationsFrom`). */
export interface TenantOperations {
  tenantId: number;
  /** Orders changed since the last sync (what the next one writes). */
  pendingChanges: number;
  /** The tenant's last sync by any replica (kept in Redis), null when none is recorded or its sync is turned off. */
  lastSync: { finishedMs: number; failed: boolean } | null;
  /** The origins that have a capacity, with their saturation (1: a limit reached). */
  origins: { code: string; saturation: number }[];
}
export type OperationsSource = () => Promise<TenantOperations[]>;

/** Whether Redis and MongoDB answer a ping from this replica, asked at scrape time. */
export type DependencyProbe = () => Promise<{ redis: boolean; mongodb: boolean }>;

/** What the reserved-quantity gauges read at scrape time. */
export type TenantTotalsSource = () => Promise<{ tenantId: number; reservedQty: number; orders: number }[]>;

const PREFIX = 'reservoir_';
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface RequestSeries {
  labels: { method: string; route: string; status: string };
  count: number;
  sum: number;
  /** Observations per bucket (not cumulative), the last one past the highest bound. */
  buckets: number[];
}

/**
 * HTTP request count and latency, kept as plain numbers and turned into Prometheus series at
 * scrape time. prom-client's own Histogram hashes and validates the labels at every observation
 * (~1.5 µs); this costs a Map lookup (~0.1 µs), on the path of every request.
 */
class RequestMetrics {
  private readonly series = new Map<string, RequestSeries>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let series = this.series.get(key);
    if (!series) {
      series = {
        labels: { method, route, status: String(status) },
        count: 0,
        sum: 0,
        buckets: new Array<number>(LATENCY_BUCKETS.length + 1).fill(0),
      };
      this.series.set(key, series);
    }
    series.count += 1;
    series.sum += seconds;
    let i = 0;
    while (i < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[i]!) i++;
    series.buckets[i]! += 1;
  }

  /** The two metrics, in the shape prom-client's registry renders. */
  metrics(): Metric[] {
    const counter = {
      name: `${PREFIX}http_requests_total`,
      help: 'HTTP requests answered, by method, route pattern and status.',
      type: 'counter',
      aggregator: 'sum',
      get: async () => ({
        name: counter.name,
        help: counter.help,
        type: counter.type,
        aggregator: 'sum',
        values: [...this.series.values()].map((s) => ({ labels: s.labels, value: s.count })),
      }),
      reset: () => this.series.clear(),
    };
    const histogram = {
      name: `${PREFIX}http_request_duration_seconds`,
      help: 'Time to answer an HTTP request, by method, route pattern and status.',
      type: 'histogram',
      aggregator: 'sum',
      get: async () => ({
        name: histogram.name,
        help: histogram.help,
        type: histogram.type,
        aggregator: 'sum',
        values: [...this.series.values()].flatMap((s) => {
          let cumulative = 0;
          const buckets = LATENCY_BUCKETS.map((le, i) => {
            cumulative += s.buckets[i]!;
            return { metricName: `${histogram.name}_bucket`, labels: { le, ...s.labels }, value: cumulative };
          });
          return [
            ...buckets,
            { metricName: `${histogram.name}_bucket`, labels: { le: '+Inf', ...s.labels }, value: s.count },
            { metricName: `${histogram.name}_sum`, labels: s.labels, value: s.sum },
            { metricName: `${histogram.name}_count`, labels: s.labels, value: s.count },
          ];
        }),
      }),
      reset: () => this.series.clear(),
    };
    return [counter, histogram] as unknown as Metric[];
  }
}

/** One read shared by the gauges of a scrape: reads 250 ms apart are one. */
class SharedRead<T> {
  private at = 0;
  private value: Promise<T> | null = null;

  constructor(private readonly source: () => Promise<T>) {}

  read(): Promise<T> {
    const now = Date.now();
    if (!this.value || now - this.at > 250) {
      this.at = now;
      this.value = this.source();
    }
    return this.value;
  }
}

/**
 * The service's Prometheus metrics (prom-client), in a registry of its own so that several apps
 * in one process (tests) do not mix. Per-request cost: one Map lookup and a few additions.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new RequestMetrics();
  readonly redisErrors: Counter<'kind'>;
  readonly mongoErrors: Counter<'kind'>;
  readonly syncRuns: Counter<'trigger' | 'outcome'>;
  readonly syncTenantOutcomes: Counter<'status'>;
  readonly syncOrdersWritten: Counter;
  readonly syncOrdersDeleted: Counter;
  readonly syncLastSuccess: Gauge<'tenant'>;
  readonly ordersExpired: Counter;
  readonly reconcileRuns: Counter<'trigger'>;
  readonly reconcileDrift: Counter<'tenant'>;
  readonly authFailures: Counter<'reason'>;
  readonly rateLimited: Counter;
  readonly webhookDeliveries: Counter<'outcome'>;
  readonly webhookLatency: Histogram;
  readonly syncLastFailure: Gauge<'tenant'>;
  readonly syncPeriod: Gauge;
  private tenantTotals: TenantTotalsSource | null = null;
  private webhookBacklog: WebhookBacklogSource | null = null;
  private operations = new SharedRead<TenantOperations[]>(async () => []);
  private dependencies = new SharedRead<{ redis: boolean; mongodb: boolean } | null>(async () => null);

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
    for (const metric of this.requests.metrics()) this.registry.registerMetric(metric);
    this.redisErrors = new Counter({
      name: `${PREFIX}redis_errors_total`,
      help: 'Redis failures: `connection` (the client lost or could not open its connection), `command` (a command failed or timed out).',
      labelNames: ['kind'],
      registers,
    });
    this.mongoErrors = new Counter({
      name: `${PREFIX}mongodb_errors_total`,
      help: 'MongoDB failures: `unavailable` (unreachable, timed out), `other` (an error answered by the server).',
      labelNames: ['kind'],
      registers,
    });
    this.syncRuns = new Counter({
      name: `${PREFIX}sync_runs_total`,
      help: 'Sync batches run by this replica, by trigger and outcome (`ok`: every tenant synced or skipped).',
      labelNames: ['trigger', 'outcome'],
      registers,
    });
    this.syncTenantOutcomes = new Counter({
      name: `${PREFIX}sync_tenants_total`,
      help: 'Tenant syncs, by status (synced, skipped, failed).',
      labelNames: ['status'],
      registers,
    });
    this.syncOrdersWritten = new Counter({
      name: `${PREFIX}sync_orders_written_total`,
      help: 'Orders written to MongoDB by sync.',
      registers,
    });
    this.syncOrdersDeleted = new Counter({
      name: `${PREFIX}sync_orders_deleted_total`,
      help: 'Orders deleted from MongoDB by sync.',
      registers,
    });
    this.syncLastSuccess = new Gauge({
      name: `${PREFIX}sync_last_success_timestamp_seconds`,
      help: 'When a sync by this replica last succeeded for the tenant (Unix time).',
      labelNames: ['tenant'],
      registers,
    });
    this.syncLastFailure = new Gauge({
      name: `${PREFIX}sync_last_failure_timestamp_seconds`,
      help: 'When a sync by this replica last failed for the tenant (Unix time).',
      labelNames: ['tenant'],
      registers,
    });
    this.syncPeriod = new Gauge({
      name: `${PREFIX}sync_period_seconds`,
      help: 'Time between two scheduled syncs (SYNC_CRON): the alert rules measure sync age in periods.',
      registers,
    });
    this.syncPeriod.set(600);
    this.ordersExpired = new Counter({
      name: `${PREFIX}orders_expired_total`,
      help: 'Orders and carts removed by the expiry sweep once past their expiresAt.',
      registers,
    });
    this.reconcileRuns = new Counter({
      name: `${PREFIX}reconcile_runs_total`,
      help: 'Self-check runs (POST /admin/reconcile, the daily job, after a restore).',
      labelNames: ['trigger'],
      registers,
    });
    this.reconcileDrift = new Counter({
      name: `${PREFIX}reconcile_drift_total`,
      help: 'Reservation figures found to differ from the orders they are made of, by tenant.',
      labelNames: ['tenant'],
      registers,
    });
    this.authFailures = new Counter({
      name: `${PREFIX}auth_failures_total`,
      help: 'Requests refused by authentication: `missing`, `unknown` key (401), `forbidden` (403).',
      labelNames: ['reason'],
      registers,
    });
    this.rateLimited = new Counter({ name: `${PREFIX}rate_limited_total`, help: 'Requests refused with 429.', registers });
    this.webhookDeliveries = new Counter({
      name: `${PREFIX}webhook_deliveries_total`,
      help:
        'Webhook delivery attempts, by outcome: `delivered` (2xx in time), `retrying` (failed, tried again later), `failed` (failed, ' +
        'schedule spent or endpoint disabled), `lost` (taken over by another replica after the lease ended; not recorded).',
      labelNames: ['outcome'],
      registers,
    });
    this.webhookLatency = new Histogram({
      name: `${PREFIX}webhook_delivery_duration_seconds`,
      help: "Time from sending a webhook to the receiver's answer (or the timeout).",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    const self = this;
    new Gauge({
      name: `${PREFIX}webhook_oldest_pending_seconds`,
      help: 'Age of the oldest pending webhook delivery (since its event), per endpoint (read from Redis at scrape time).',
      labelNames: ['tenant', 'endpoint'],
      registers,
      async collect() {
        await self.collectWebhookBacklog(this, 'age');
      },
    });
    new Gauge({
      name: `${PREFIX}webhook_pending_deliveries`,
      help: 'Webhook deliveries not yet delivered nor failed, per endpoint (read at scrape time).',
      labelNames: ['tenant', 'endpoint'],
      registers,
      async collect() {
        await self.collectWebhookBacklog(this, 'pending');
      },
    });
    new Gauge({
      name: `${PREFIX}webhook_endpoint_disabled`,
      help: '1 when the webhook endpoint is disabled (it failed for WEBHOOK_DISABLE_AFTER), else 0, per endpoint (read at scrape time).',
      labelNames: ['tenant', 'endpoint'],
      registers,
      async collect() {
        await self.collectWebhookBacklog(this, 'disabled');
      },
    });
    new Gauge({
      name: `${PREFIX}redis_up`,
      help: 'Whether Redis answers a ping from this replica within 1 s (1) or not (0), asked at scrape time.',
      registers,
      async collect() {
        const up = await self.dependencies.read();
        if (up) this.set(up.redis ? 1 : 0);
      },
    });
    new Gauge({
      name: `${PREFIX}mongodb_up`,
      help: 'Whether MongoDB answers a ping from this replica within 1 s (1) or not (0), asked at scrape time.',
      registers,
      async collect() {
        const up = await self.dependencies.read();
        if (up) this.set(up.mongodb ? 1 : 0);
      },
    });
    new Gauge({
      name: `${PREFIX}sync_pending_changes`,
      help: 'Orders changed since the last sync to MongoDB (what the next one writes), per tenant (read from Redis at scrape time).',
      labelNames: ['tenant'],
      registers,
      async collect() {
        this.reset();
        for (const t of await self.operations.read()) this.set({ tenant: String(t.tenantId) }, t.pendingChanges);
      },
    });
    new Gauge({
      name: `${PREFIX}sync_last_run_timestamp_seconds`,
      help: "When the tenant's last sync (by any replica) finished, per tenant (read from Redis at scrape time).",
      labelNames: ['tenant'],
      registers,
      async collect() {
        this.reset();
        for (const t of await self.operations.read())
          if (t.lastSync) this.set({ tenant: String(t.tenantId) }, t.lastSync.finishedMs / 1000);
      },
    });
    new Gauge({
      name: `${PREFIX}sync_last_run_failed`,
      help: "1 when the tenant's last sync (by any replica) failed, else 0 (read from Redis at scrape time).",
      labelNames: ['tenant'],
      registers,
      async collect() {
        this.reset();
        for (const t of await self.operations.read()) if (t.lastSync) this.set({ tenant: String(t.tenantId) }, t.lastSync.failed ? 1 : 0);
      },
    });
    new Gauge({
      name: `${PREFIX}origin_saturation`,
      help: 'How full a stock origin with a capacity is: the largest ratio of what it holds to a limit (1: a limit reached), per tenant and origin (read at scrape time).',
      labelNames: ['tenant', 'origin'],
      registers,
      async collect() {
        this.reset();
        for (const t of await self.operations.read())
          for (const o of t.origins) this.set({ tenant: String(t.tenantId), origin: o.code }, o.saturation);
      },
    });
    new Gauge({
      name: `${PREFIX}reserved_quantity`,
      help: 'Units reserved by orders in progress, per tenant (read from Redis at scrape time).',
      labelNames: ['tenant'],
      registers,
      async collect() {
        await self.collectTenantTotals(this, 'reservedQty');
      },
    });
    new Gauge({
      name: `${PREFIX}orders_stored`,
      help: 'Orders and carts stored in Redis, per tenant (read at scrape time).',
      labelNames: ['tenant'],
      registers,
      async collect() {
        await self.collectTenantTotals(this, 'orders');
      },
    });
  }

  /** Where the per-tenant gauges read from (set once the store exists). */
  readTenantTotalsFrom(source: TenantTotalsSource): void {
    this.tenantTotals = source;
  }

  private totalsAt = 0;
  private totals: Promise<{ tenantId: number; reservedQty: number; orders: number }[]> | null = null;

  /** Both gauges share one read per scrape (reads 250 ms apart are shared); Redis down leaves them empty, /metrics still answers. */
  private async collectTenantTotals(gauge: Gauge<'tenant'>, field: 'reservedQty' | 'orders') {
    gauge.reset();
    if (!this.tenantTotals) return;
    const now = Date.now();
    if (!this.totals || now - this.totalsAt > 250) {
      this.totalsAt = now;
      this.totals = this.tenantTotals().catch(() => []);
    }
    for (const totals of await this.totals) gauge.set({ tenant: String(totals.tenantId) }, totals[field]);
  }

  /** Where the per-tenant operations gauges (pending changes, last sync, saturation) read from. */
  readOperationsFrom(source: OperationsSource): void {
    this.operations = new SharedRead(() => source().catch(() => []));
  }

  /** How the up gauges ask Redis and MongoDB. */
  probeDependenciesWith(probe: DependencyProbe): void {
    this.dependencies = new SharedRead(() => probe().catch(() => ({ redis: false, mongodb: false })));
  }

  /** Where the webhook backlog gauges read from (set once the store exists). */
  readWebhookBacklogFrom(source: WebhookBacklogSource): void {
    this.webhookBacklog = source;
  }

  private backlogAt = 0;
  private backlog: ReturnType<WebhookBacklogSource> | null = null;

  private async collectWebhookBacklog(gauge: Gauge<'tenant' | 'endpoint'>, field: 'age' | 'pending' | 'disabled') {
    gauge.reset();
    if (!this.webhookBacklog) return;
    const now = Date.now();
    if (!this.backlog || now - this.backlogAt > 250) {
      this.backlogAt = now;
      this.backlog = this.webhookBacklog().catch(() => []);
    }
    for (const b of await this.backlog) {
      const labels = { tenant: String(b.tenantId), endpoint: b.endpointId };
      if (field === 'pending') gauge.set(labels, b.pending);
      else if (field === 'disabled') gauge.set(labels, b.disabled ? 1 : 0);
      else gauge.set(labels, b.oldestEventMs === null ? 0 : Math.max(0, (now - b.oldestEventMs) / 1000));
    }
  }

  observeWebhookAttempt(report: WebhookAttemptObservation): void {
    const outcome = report.status === 'pending' ? 'retrying' : report.status === 'gone' ? 'lost' : report.status;
    this.webhookDeliveries.inc({ outcome });
    if (report.status !== 'lost' && report.status !== 'gone') this.webhookLatency.observe(report.result.durationMs / 1000);
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.requests.observe(method, route, status, seconds);
  }

  observeSyncRun(run: SyncRunReport): void {
    this.syncRuns.inc({ trigger: run.trigger, outcome: run.ok ? 'ok' : 'failed' });
    let written = 0;
    let deleted = 0;
    for (const tenant of run.tenants) {
      this.syncTenantOutcomes.inc({ status: tenant.status });
      written += tenant.ordersWritten;
      deleted += tenant.ordersDeleted;
      if (tenant.status === 'synced') this.syncLastSuccess.set({ tenant: String(tenant.tenantId) }, Date.parse(run.finishedAt) / 1000);
      if (tenant.status === 'failed') this.syncLastFailure.set({ tenant: String(tenant.tenantId) }, Date.parse(run.finishedAt) / 1000);
    }
    this.syncOrdersWritten.inc(written);
    this.syncOrdersDeleted.inc(deleted);
  }

  observeReconcile(run: ReconcileRunReport): void {
    this.reconcileRuns.inc({ trigger: run.trigger });
    for (const tenant of run.tenants)
      if (tenant.driftCount > 0) this.reconcileDrift.inc({ tenant: String(tenant.tenantId) }, tenant.driftCount);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
