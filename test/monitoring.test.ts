/**
 * What an operator installs beside the service: the alert rules (deploy/prometheus/alerts.yml,
 * unit-tested by promtool in .ci/run) and the Grafana dashboard (deploy/grafana). Every metric they
 * name is held against /metrics of a running service, so they cannot drift apart; the gauges they
 * rely on are shown to report what a user would see; the dashboard is held to Grafana's
 * provisioning format.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { eventually, makeOrder, newTenantId, startTestService, type TestService } from './support/harness.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Rule {
  alert: string;
  expr: string;
  labels: { severity: string };
  annotations: { summary: string; description: string };
}
const rules = (parse(read('deploy/prometheus/alerts.yml')) as { groups: { name: string; rules: Rule[] }[] }).groups.flatMap((g) => g.rules);

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  datasource?: { type: string; uid: string };
  targets?: { refId: string; expr: string; datasource: { uid: string } }[];
}
const dashboard = JSON.parse(read('deploy/grafana/dashboards/reservoir.json')) as {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { name: string; query: { query: string } }[] };
};

/** The metric names a PromQL expression reads (every metric of ours starts with `reservoir_`). */
const metricNames = (expr: string) => [...expr.matchAll(/\breservoir_[a-z0-9_]+/g)].map((m) => m[0]);

/** The metric families /metrics declares (`# TYPE name kind`); a histogram's series add _bucket, _sum, _count. */
function declared(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, kind] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name!);
    if (kind === 'histogram' || kind === 'summary') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name! + suffix);
  }
  return names;
}

function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

const scrape = async () => (await svc.call('GET', '/metrics')).body as string;

describe('the alert rules and the dashboard name only metrics the service exports', () => {
  it('every metric of every rule, panel and variable is declared by /metrics', async () => {
    const text = await scrape();
    const exported = declared(text);
    const named = new Set([
      ...rules.flatMap((r) => metricNames(r.expr)),
      ...dashboard.panels.flatMap((p) => (p.targets ?? []).flatMap((t) => metricNames(t.expr))),
      ...dashboard.templating.list.flatMap((v) => metricNames(v.query.query)),
    ]);
    expect(named.size).toBeGreaterThan(20);
    expect([...named].filter((name) => !exported.has(name))).toEqual([]);
  });

  it('every rule has a severity, a summary and a description that says what to do', () => {
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'ReservoirRedisUnreachable',
        'ReservoirMongoDBUnreachable',
        'ReservoirSyncFailed',
        'ReservoirSyncStale',
        'ReservoirPendingChangesGrowing',
        'ReservoirWebhookBacklog',
        'ReservoirWebhookOldestPending',
        'ReservoirWebhookEndpointDisabled',
        'ReservoirOriginOverCapacity',
        'ReservoirHigh5xxRatio',
        'ReservoirOrderRoutesSlow',
        'ReservoirEventLoopLag',
        'ReservoirRestarting',
      ]),
    );
    for (const rule of rules) {
      expect(['critical', 'warning', 'info'], rule.alert).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length, rule.alert).toBeGreaterThan(10);
      expect(rule.annotations.description.length, rule.alert).toBeGreaterThan(80);
    }
    // promtool's unit tests cover every rule
    const tested = new Set([...read('deploy/prometheus/alerts.test.yml').matchAll(/alertname: (\w+)/g)].map((m) => m[1]));
    expect(rules.filter((r) => !tested.has(r.alert)).map((r) => r.alert)).toEqual([]);
  });
});

describe('the gauges the rules and panels rely on', () => {
  it('report a tenant pending changes, its last sync and the saturation of an origin with a capacity', async () => {
    const t = newTenantId();
    expect((await svc.call('PUT', `/${t}/stock-origins/DC1/capacity`, { maxQty: 2, maxLines: null, maxOrders: null })).status).toBe(200);
    await svc.call('POST', `/${t}/order`, makeOrder(t, { lines: [{ code: 'DC1', artGuid: makeOrder(t).lines[0]!.artGuid, qty: 3 }] }));
    await svc.call('POST', `/${t}/order`, makeOrder(t));

    const before = await eventually(async () => {
      const text = await scrape();
      expect(value(text, `reservoir_sync_pending_changes{tenant="${t}"}`)).toBe(2);
      return text;
    });
    expect(value(before, `reservoir_origin_saturation{tenant="${t}",origin="DC1"}`)).toBe(1.5);
    // origins without a capacity have no saturation: no series
    expect(before).not.toMatch(new RegExp(`reservoir_origin_saturation\\{tenant="${t}",origin="(?!DC1)`));
    expect(value(before, `reservoir_sync_last_run_timestamp_seconds{tenant="${t}"}`)).toBeUndefined();
    expect(value(before, 'reservoir_redis_up')).toBe(1);
    expect(value(before, 'reservoir_mongodb_up')).toBe(1);
    expect(value(before, 'reservoir_sync_period_seconds')).toBeGreaterThan(0);

    const started = Date.now() / 1000;
    expect((await svc.call('POST', '/admin/sync', { tenantId: t })).body.ok).toBe(true);
    await eventually(async () => {
      const text = await scrape();
      expect(value(text, `reservoir_sync_pending_changes{tenant="${t}"}`)).toBe(0);
      expect(value(text, `reservoir_sync_last_run_timestamp_seconds{tenant="${t}"}`)).toBeGreaterThanOrEqual(Math.floor(started));
      expect(value(text, `reservoir_sync_last_run_failed{tenant="${t}"}`)).toBe(0);
    });
  });

  it('leave out the last sync of a tenant whose sync is turned off (it is not stale)', async () => {
    const t = newTenantId();
    await svc.call('POST', `/${t}/order`, makeOrder(t));
    expect((await svc.call('POST', '/admin/sync', { tenantId: t })).body.ok).toBe(true);
    await eventually(async () => expect(value(await scrape(), `reservoir_sync_last_run_failed{tenant="${t}"}`)).toBe(0));
    expect((await svc.call('PUT', `/${t}/config`, { enableInternalOrderSync: false })).status).toBe(200);
    await eventually(async () => {
      const text = await scrape();
      expect(value(text, `reservoir_sync_last_run_timestamp_seconds{tenant="${t}"}`)).toBeUndefined();
      expect(value(text, `reservoir_sync_last_run_failed{tenant="${t}"}`)).toBeUndefined();
      expect(value(text, `reservoir_sync_pending_changes{tenant="${t}"}`)).toBe(0);
    });
  });

  it('report each webhook endpoint, enabled, with its backlog', async () => {
    const t = newTenantId();
    const created = await svc.call('POST', `/${t}/webhooks`, { url: 'https://8.8.8.8/hooks/reservoir', events: ['order.created'] });
    expect(created.status).toBe(201);
    const labels = `{tenant="${t}",endpoint="${created.body.id}"}`;
    await eventually(async () => {
      const text = await scrape();
      expect(value(text, `reservoir_webhook_endpoint_disabled${labels}`)).toBe(0);
      expect(value(text, `reservoir_webhook_pending_deliveries${labels}`)).toBe(0);
    });
  });
});

describe('the Grafana dashboard', () => {
  const provider = parse(read('deploy/grafana/provisioning/dashboards/reservoir.yml')) as {
    apiVersion: number;
    providers: { type: string; options: { path: string } }[];
  };
  const datasources = parse(read('deploy/grafana/provisioning/datasources/prometheus.yml')) as {
    apiVersion: number;
    datasources: { uid: string; type: string; url: string }[];
  };

  it('is in the shape Grafana provisions: a uid, unique panel ids, each panel placed on the 24-column grid', () => {
    expect(dashboard.uid).toMatch(/^[\w-]{1,40}$/);
    expect(dashboard.title).toBe('Reservoir');
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(30);
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of dashboard.panels) {
      expect(p.gridPos.x + p.gridPos.w, p.title).toBeLessThanOrEqual(24);
      expect(p.gridPos.h, p.title).toBeGreaterThan(0);
      if (p.type === 'row') continue;
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
      const refIds = p.targets!.map((t) => t.refId);
      expect(new Set(refIds).size, p.title).toBe(refIds.length);
    }
    // no two panels overlap
    const cells = new Set<string>();
    for (const p of dashboard.panels)
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++)
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          expect(cells.has(`${x},${y}`), `${p.title} overlaps at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
  });

  it('reads the provisioned Prometheus data source, and is found where the provider looks', () => {
    expect(provider.apiVersion).toBe(1);
    expect(datasources.apiVersion).toBe(1);
    const [source] = datasources.datasources;
    expect(source!.type).toBe('prometheus');
    for (const p of dashboard.panels.filter((p) => p.type !== 'row')) {
      expect(p.datasource?.uid, p.title).toBe(source!.uid);
      for (const t of p.targets!) expect(t.datasource.uid).toBe(source!.uid);
    }
    // docker-compose.yml mounts the dashboards folder where the file provider reads
    const compose = parse(read('docker-compose.yml')) as { services: Record<string, { volumes?: string[] }> };
    const mounts = compose.services.grafana!.volumes!;
    expect(mounts).toContain(`./deploy/grafana/dashboards:${provider.providers[0]!.options.path}:ro`);
    expect(readdirSync(path.join(ROOT, 'deploy/grafana/dashboards'))).toContain('reservoir.json');
  });

  it('shows the panels docs/monitoring.md lists', () => {
    const docs = read('docs/monitoring.md');
    for (const p of dashboard.panels) expect(docs, p.title).toContain(p.title);
  });
});
