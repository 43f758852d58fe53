/** Writes bench/RESULTS.md from bench/results/*.json, the machine's description and bench/NOTES.md. */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_DIR, ROOT } from './lib/env.js';
import { loadResult } from './lib/results.js';

const sh = (cmd: string) => {
  try {
    return execSync(cmd, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
};
const f = (x: number | undefined | null, digits = 0) =>
  x === undefined || x === null || Number.isNaN(x)
    ? '–'
    : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (ok: boolean) => (ok ? '**met**' : '**not met**');
const out: string[] = [];
const line = (s = '') => out.push(s);

type Row = { service: M; ceiling: M; rpsRatio: number; p99Ratio: number; helloRatio: number };
type M = {
  rps: number;
  latencyMs: { p50: number; p99: number };
  serverCpuUsPerReq: number;
  redisCpuUsPerReq: number;
  non2xx: number;
  errors: number;
};
interface Http {
  savedAt: string;
  loadAverage: number[];
  runtime: string;
  durationSec: number;
  warmupSec: number;
  slices: number;
  connections: number[];
  logging: string;
  hello: Record<string, M>;
  endpoints: Record<string, { label: string; ceiling: string; rows: Record<string, Row> }>;
}
interface Cost {
  savedAt: string;
  redisVersion: string;
  upserts: { lines: number; orders: number; createUs: number; redefineUs: number }[];
  ceilingUs: number;
  getUs: number;
  deleteAtOriginUs: number;
  deleteCeilingUs?: number;
  throughput?: { orders: number; redisThreadCreationsPerSecond: number; drivenCreationsPerSecond: number };
  memory: {
    orders: number;
    jsonBytesPerOrder: number;
    bytesPerOrderPendingSync: number;
    bytesPerOrderSynced: number;
    ratioSynced: number;
    ratioPendingSync: number;
    perKey: Record<string, number>;
  };
}
interface Sync {
  savedAt: string;
  archive: { kind: string; msPerReplaceAt5k: number; scanning: boolean; batchSize: number };
  sizes: Record<string, unknown>;
  incremental: { tenantOrders: number; archivedOrders: number; changed: number; reservoirSec: number; rawSec: number; ratio: number }[];
  full: { orders: number; reservoirSec: number; rawSec: number; ratio: number };
  restore: { orders: number; reservoirSec: number; rawSec: number; ratio: number };
}
interface SearchRow {
  label: string;
  pageSize?: number;
  indexEntries?: Record<string, number | null>;
  redisUs: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  responseBytes: number;
}
interface Search {
  savedAt: string;
  loadAverage: number[];
  tenantOrders: number;
  buildSec: number;
  requests: number;
  memory: {
    orders: number;
    bytesPerOrder: number;
    perOrder: { ordersHash: number; index: number; figures: number };
    indexEntriesPerOrder: number;
    countersBytes: number;
  };
  pages: SearchRow[];
  batch: SearchRow[];
}
interface Replace {
  savedAt: string;
  archive: string;
  otherTenantRate: number;
  runs: {
    orders: number;
    bodyMiB: number;
    archive: string;
    putSec: number;
    rssMiB: { beforePut: number; peak: number };
    redis: {
      longestCommandMs: number;
      longestCommand: string;
      commandsOver2ms: number;
      byCommand?: Record<string, { count: number; p50Ms: number; p90Ms: number; maxMs: number }>;
    };
    otherTenant: {
      baseline: { p50: number; p99: number; max: number };
      duringPut: { p50: number; p99: number; max: number; non2xx: number };
    };
  }[];
}

interface Webhooks {
  concurrency: number;
  ceiling: { seconds: number; perSecond: number };
  runs: {
    endpoints: number;
    events: number;
    deliveries: number;
    seconds: number;
    deliveriesPerSecond: number;
    ratioToCeiling: number;
    serviceCpuSeconds: number;
    latencyMs: { p50: number; p90: number; p99: number; max: number };
  }[];
}

// The service runs from its build by default (BENCH_RUNTIME=compiled); a tsx run, when there is one, is shown beside it.
const http = loadResult<Http>('http-compiled') ?? loadResult<Http>('http-tsx');
const httpTsx = http?.runtime === 'compiled' ? loadResult<Http>('http-tsx') : undefined;
const cost = loadResult<Cost>('redis-cost');
const sync = loadResult<Sync>('sync');
const replace = loadResult<Replace>('replace');
const search = loadResult<Search>('search');
const webhooks = loadResult<Webhooks>('webhooks');
interface Instructions {
  orders: number;
  valgrind: string;
  rows: { variant: string; operation: string; instructionsPerCall: number }[];
}
const instructions = loadResult<Instructions>('redis-instructions');
const instructionsOf = (variant: string, operation: string) =>
  instructions?.rows.find((r) => r.variant === variant && r.operation === operation)?.instructionsPerCall;

const commit = sh('git rev-parse --short HEAD');
const dirty = sh('git status --porcelain -- src') ? ' (with uncommitted changes in src/)' : '';
const cpu = os.cpus();
const ferret = process.env.RESERVOIR_FERRETDB_BIN ? sh(`"${process.env.RESERVOIR_FERRETDB_BIN}" --version | head -1`) : '';
const mongoVersion =
  sh('mongod --version | head -1') ||
  (ferret
    ? `FerretDB ${ferret.replace('version: ', '')} (SQLite backend, scripts/install-ferretdb.sh)`
    : 'FerretDB (scripts/install-ferretdb.sh)');

line('# Reservoir benchmark results');
line();
line('Generated by `bench/report.ts` at the end of `npm run bench`; the closing notes come from `bench/NOTES.md`.');
line();
line('| | |');
line('| --- | --- |');
line(`| date | ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC |`);
line(`| commit | \`${commit}\`${dirty} |`);
line(`| command | \`${process.env.BENCH_COMMAND ?? 'npm run bench'}\` |`);
line(
  `| machine | ${cpu.length} × ${cpu[0]?.model ?? '?'}, ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ` +
    `${sh('. /etc/os-release && echo $PRETTY_NAME')} (a shared machine: other jobs ran ` +
    `meanwhile, see the load averages) |`,
);
line(`| Node | ${process.version} |`);
line(`| Redis | ${sh('redis-server --version').replace(/^Redis server /, '')}; AOF and RDB off |`);
line(`| MongoDB-wire | ${mongoVersion} |`);
line(
  `| load generator | autocannon ` +
    `${JSON.parse(readFileSync(path.join(ROOT, 'node_modules/autocannon/package.json'), 'utf8')).version}, its ` +
    `own process, latencies recorded per response |`,
);
line();
line(
  'Run it: `npm ci`, then `npm run bench` (or `npm run bench -- http`, `redis-cost`, `redis-instructions`, `sync`, `replace`, ' +
    '`webhooks`, `search`). The script starts its own Redis and MongoDB-wire server on free loopback ports and stops them at the end.',
);
line();

// ------------------------------------------------------------------ 1. HTTP
line('## 1. HTTP: each route beside its bare ceiling');
line();
const TSX_COMMAND = '`node --import tsx src/server.ts`';
if (http) {
  line(
    `One service process ` +
      `(${http.runtime === 'compiled' ? '`node <build>/server.js` from `npm run build`, as `npm start`' : TSX_COMMAND}), ` +
      `${http.logging}, ` +
      `scheduled sync off (measured in 3). ` +
      `The ceilings (\`bench/ceiling/bare.ts\`) and a hello-world Hono server run the same ` +
      `way${http.runtime === 'compiled' ? ' (esbuild bundles)' : ''}, on the same Redis. Admin ` +
      `key (tenant keys are rate-limited to 1,000/s by default). ` +
      `Per comparison: ${http.warmupSec} s warm-up of each side, then ${http.durationSec} s per ` +
      `side in ${http.slices} alternating slices (ceiling, service, service, ceiling, …), so ` +
      `both sides share the background load. ` +
      `CPU columns: CPU time of the server process and of Redis per request over the measured ` +
      `slices (less sensitive to the shared machine than req/s). Saved ${http.savedAt}, load ` +
      `average then ${(http.loadAverage ?? []).join(' / ')}.`,
  );
  line();
  line(
    '| route | conns | Reservoir req/s | p50 ms | p99 ms | ceiling req/s | p50 ms | p99 ms | **req/s ratio** | **p99 ratio** | ' +
      'server CPU µs/req (R / ceiling) | Redis CPU µs/req (R / ceiling) |',
  );
  line('| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |');
  for (const e of Object.values(http.endpoints)) {
    for (const [c, r] of Object.entries(e.rows)) {
      const s = r.service;
      const b = r.ceiling;
      const errs = s.non2xx || s.errors ? ` (${s.non2xx} non-2xx, ${s.errors} errors)` : '';
      line(
        `| ${c === String(http.connections[0]) ? `\`${e.label}\`` : ''} | ${c} | ` +
          `${f(s.rps)}${errs} | ${f(s.latencyMs.p50, 2)} | ${f(s.latencyMs.p99, 2)} | ${f(b.rps)} | ` +
          `${f(b.latencyMs.p50, 2)} | ${f(b.latencyMs.p99, 2)} | **${f(r.rpsRatio, 2)}** | ` +
          `**${f(r.p99Ratio, 2)}** | ${f(s.serverCpuUsPerReq)} / ${f(b.serverCpuUsPerReq)} | ` +
          `${f(s.redisCpuUsPerReq)} / ${f(b.redisCpuUsPerReq)} |`,
      );
    }
  }
  line();
  line(
    'Ceilings: ' +
      Object.values(http.endpoints)
        .map((e) => `\`${e.label}\`: ${e.ceiling}`)
        .join('; ') +
      '.',
  );
  line();
  line(
    '| hello-world Hono | ' +
      http.connections.map((c) => `c=${c}: ${f(http.hello[c]?.rps)} req/s, p99 ${f(http.hello[c]?.latencyMs.p99, 2)} ms`).join(' | ') +
      ' |',
  );
  line(`| --- | ${http.connections.map(() => '---').join(' | ')} |`);
  const upsert = http.endpoints.upsert;
  if (upsert) line(`| upsert ceiling / hello-world | ${http.connections.map((c) => f(upsert.rows[c]?.helloRatio, 2)).join(' | ')} |`);
  line();
  if (httpTsx) {
    line(
      `A separate run with every server (service, ceilings, hello-world) run from its TypeScript ` +
        `through tsx (\`BENCH_RUNTIME=tsx npm run bench -- http\`, saved ${httpTsx.savedAt}):`,
    );
    line();
    line('| route | conns | Reservoir req/s | ceiling req/s | req/s ratio | p99 ratio |');
    line('| --- | --: | --: | --: | --: | --: |');
    for (const e of Object.values(httpTsx.endpoints)) {
      for (const [c, r] of Object.entries(e.rows))
        line(`| \`${e.label}\` | ${c} | ${f(r.service.rps)} | ${f(r.ceiling.rps)} | ${f(r.rpsRatio, 2)} | ${f(r.p99Ratio, 2)} |`);
    }
    line();
  }
} else line('_Not run yet: `npm run bench -- http`._\n');

// ------------------------------------------------------------------ 2. Redis cost
line('## 2. Redis cost per operation');
line();
if (cost) {
  line(
    `Redis ${cost.redisVersion}: time inside Redis per script call (\`INFO commandstats\`, ` +
      `FCALL usec_per_call; EVALSHA for the ceilings' scripts), orders of 3 lines at 3 of 20 origins. Saved ${cost.savedAt}.`,
  );
  line();
  line('| operation | µs per call in Redis |');
  line('| --- | --: |');
  for (const u of cost.upserts) {
    line(`| upsert, ${u.lines} lines, creation (${f(u.orders)} orders) | ${f(u.createUs, 1)} |`);
    line(`| upsert, ${u.lines} lines, redefinition with new quantities | ${f(u.redefineUs, 1)} |`);
  }
  line(`| ceiling: the 12-operation script (3 lines) | ${f(cost.ceilingUs, 1)} |`);
  line(`| get an order | ${f(cost.getUs, 1)} |`);
  line(`| delete an order's lines at one origin | ${f(cost.deleteAtOriginUs, 1)} |`);
  if (cost.deleteCeilingUs) line(`| ceiling: delete at one origin (read, decode, unreserve, write back) | ${f(cost.deleteCeilingUs, 1)} |`);
  line();
  const m = cost.memory;
  line(`Memory for ${f(m.orders)} stored 3-line orders (\`INFO memory\` used_memory delta; the figures hashes included):`);
  line();
  line(`| | bytes per order | × its compact JSON (${f(m.jsonBytesPerOrder)} B) |`);
  line('| --- | --: | --: |');
  line(`| once synced (no pending change) | ${f(m.bytesPerOrderSynced)} | **${f(m.ratioSynced, 2)}** |`);
  line(`| with its pending change (before the next sync) | ${f(m.bytesPerOrderPendingSync)} | ${f(m.ratioPendingSync, 2)} |`);
  line(`| of which the orders hash (MEMORY USAGE) | ${f(m.perKey.ordersHash)} | |`);
  line(`| of which the order index (one sorted set: type, origins, last update, expiry) | ${f(m.perKey.indexZset)} | |`);
  if (m.perKey.articleIndexes !== undefined)
    line(`| of which the articles' indexes (a small sorted set per article) | ${f(m.perKey.articleIndexes)} | |`);
  if (m.perKey.eventsStream !== undefined) line(`| of which its event in the feed | ${f(m.perKey.eventsStream)} | |`);
  line(`| the tenant's counters (one hash, whatever its size) | ${f(m.perKey.counters)} B in all | |`);
  line();
} else line('_Not run yet: `npm run bench -- redis-cost`._\n');

// ------------------------------------------------------------------ 2b. Instructions
if (instructions) {
  line('### Instructions per script call (callgrind)');
  line();
  line(
    `Counted by ${instructions.valgrind} (\`--tool=callgrind\`) around each phase, inside a ` +
      `redis-server of its own per row (\`npm run bench -- redis-instructions\`): the same count ` +
      `whatever else the machine does. ` +
      `${f(instructions.orders)} 3-line orders at 3 of 20 origins. Every script runs once before ` +
      `counting. "As it is" is the scripts as the service calls them (FCALL of the Lua library's functions). ` +
      `Saved ${instructions.savedAt}.`,
  );
  line();
  const operations = ['creation', 'redefinition', 'get', 'delete at one origin', 'creation, if-available, 3 tracked pairs'];
  line(`| instructions per call | ${operations.join(' | ')} |`);
  line(`| --- | ${operations.map(() => '--:').join(' | ')} |`);
  const variants = [...new Set(instructions.rows.map((r) => r.variant))];
  for (const v of variants) {
    const label = v === 'ceiling' ? "the ceilings' scripts (12 operations; read, decode, unreserve, write back)" : `Reservoir's, ${v}`;
    line(
      `| ${label} | ` +
        operations
          .map((o) => {
            const n = instructionsOf(v, o);
            return n === undefined ? '–' : `${f(n / 1000)}k`;
          })
          .join(' | ') +
        ' |',
    );
  }
  line();
  const put = instructionsOf('as it is', 'PUT, per order');
  const restore = instructionsOf('as it is', 'restore, per order');
  if (put !== undefined && restore !== undefined) {
    line(
      `The cold paths that write many orders per call, per order written (${f(instructions.orders)} in one call): ` +
        `a PUT of the whole set (staged in chunks, then switched) ${f(put / 1000)}k, a restore into a tenant that lost them ${f(restore / 1000)}k.`,
    );
    line();
  }
}

// ------------------------------------------------------------------ 2b'. Availability (issue 21)
if (instructions) {
  const n = (operation: string) => instructionsOf('as it is', operation);
  const k = (value: number | undefined) => (value === undefined ? '–' : `${f(value / 1000)}k`);
  const plain = n('creation');
  const tracked = n('creation, always, 3 tracked pairs');
  const checked = n('creation, if-available, 3 tracked pairs');
  const pct = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? '–' : `${a >= b ? '+' : ''}${f((a / b - 1) * 100, 1)} %`;
  const levels = (cost as { stockLevels?: { pairs: number; bytesPerPair: number } } | undefined)?.stockLevels;
  line('### Availability (issue 21)');
  line();
  line('| per call (callgrind), or per pair | figure | against |');
  line('| --- | --: | --- |');
  line(`| 3-line creation, a tenant without stock levels | ${k(plain)} | (the row above) |`);
  line(
    `| the same, every pair tracked, policy \`always\` (the stock.out/back watch) | ${k(tracked)} | ${pct(tracked, plain)} over no levels |`,
  );
  line(
    `| the same under \`if-available\` | ${k(checked)} | ${pct(checked, tracked)} over \`always\` with the same levels; ${pct(checked, plain)} over no levels |`,
  );
  line(
    `| simulate, 100 plans of 10 lines (the snapshot script; the judging is the service's) | ${k(n('simulate, 100 plans of 10 lines'))} | |`,
  );
  line(
    `| Redis memory per tracked pair (\`used_memory\`, ${levels ? f(levels.pairs) : '–'} pairs of a fresh tenant) | ${levels ? `${f(levels.bytesPerPair)} B` : '–'} | |`,
  );
  line();
}

// ------------------------------------------------------------------ 2c. Issue 20's table
if (cost && instructions) {
  const k = (operation: string) => {
    const n = instructionsOf('as it is', operation);
    return n === undefined ? '–' : `${f(n / 1000)}k`;
  };
  line("### The Redis core's cost, before and after (issue 20)");
  line();
  line(
    'The first two columns are the figures the issue was filed with (same machine, same measures); the third is this run. Targets: memory ≤ 1,000 B synced and ≤ 1,100 B pending; creation and redefinition ≤ 240k instructions, delete at one origin ≤ 175k, the get no dearer; ≥ 15,000 creations per second for one tenant. bench/NOTES.md says where the rest goes.',
  );
  line();
  line('| measured (3-line orders at 3 of 20 origins) | before those features | at the issue | now |');
  line('| --- | --: | --: | --: |');
  line(
    `| Redis memory per stored order (its compact JSON is ~${f(cost.memory.jsonBytesPerOrder)} B) | 689 B | ~2,500 B synced, ~2,800 B with its pending change | ${f(cost.memory.bytesPerOrderSynced)} B synced, ${f(cost.memory.bytesPerOrderPendingSync)} B with its pending change |`,
  );
  line(`| Redis time per 3-line creation (\`INFO commandstats\`) | 39.7 µs | 152 µs | ${f(cost.upserts[0]?.createUs, 1)} µs |`);
  line(
    `| instructions per creation / redefinition / delete at one origin / get (callgrind) | – | 407k / 382k / 293k / 37k | ${k('creation')} / ${k('redefinition')} / ${k('delete at one origin')} / ${k('get')} |`,
  );
  if (cost.throughput) {
    line(
      `| 3-line creations per second for one tenant (one Redis thread) | – | ~6,500 | ${f(cost.throughput.redisThreadCreationsPerSecond)} (1e6 / µs per creation); ${f(cost.throughput.drivenCreationsPerSecond)} driven from one client process |`,
    );
  }
  line();
}

// ------------------------------------------------------------------ 3. Sync
line('## 3. Sync: flush and restore against the raw driver');
line();
if (sync) {
  const a = sync.archive;
  line(
    `Archive server: ${a.kind}; a replace-upsert by _id on a 5,000-document collection took ` +
      `${f(a.msPerReplaceAt5k, 1)} ms ` +
      `(${a.scanning ? 'it scans the collection: see the notes' : 'indexed'}); the archive ` +
      `writes in batches of ${a.batchSize}, and so does the raw comparison. Sizes: ` +
      `\`${JSON.stringify(sync.sizes)}\`. Saved ${sync.savedAt}.`,
  );
  line();
  line('| incremental flush | orders in Redis | in the archive | changed | Reservoir s | raw bulkWrite s | **ratio** |');
  line('| --- | --: | --: | --: | --: | --: | --: |');
  for (const r of sync.incremental)
    line(
      `| | ${f(r.tenantOrders)} | ${f(r.archivedOrders)} | ${f(r.changed)} | ` +
        `${f(r.reservoirSec, 2)} | ${f(r.rawSec, 2)} | **${f(r.ratio, 2)}** |`,
    );
  line();
  line('| | orders | Reservoir s | raw s | **ratio** |');
  line('| --- | --: | --: | --: | --: |');
  line(
    `| full flush vs raw bulkWrite | ${f(sync.full.orders)} | ${f(sync.full.reservoirSec, 2)} ` +
      `| ${f(sync.full.rawSec, 2)} | **${f(sync.full.ratio, 2)}** |`,
  );
  line(
    `| restore vs raw find + pipelined HSET/ZADD | ${f(sync.restore.orders)} | ` +
      `${f(sync.restore.reservoirSec, 2)} | ${f(sync.restore.rawSec, 2)} | ` +
      `**${f(sync.restore.ratio, 2)}** |`,
  );
  line();
} else line('_Not run yet: `npm run bench -- sync`._\n');

// ------------------------------------------------------------------ 4. PUT
line('## 4. `PUT /{t}/orders`');
line();
const ARCHIVE_UNAVAILABLE =
  'unavailable to the service (its archive write is left pending, as it is when MongoDB is down): ' +
  'FerretDB cannot take 100,000 replace-upserts in benchmark time, see the notes';
if (replace) {
  line(
    `A fresh service process per size; MongoDB ` +
      `${replace.archive === 'real' ? 'written before the answer' : ARCHIVE_UNAVAILABLE}. ` +
      `Another tenant reads orders at ${f(replace.otherTenantRate)} req/s (open loop, 10 ` +
      `connections) before and during the PUT. Saved ${replace.savedAt}.`,
  );
  line();
  line(
    '| orders | body MiB | PUT s | peak RSS MiB | longest Redis command ms | Redis commands > 2 ms | staging chunks ms p50 / p90 / ' +
      'max | other tenant p99 ms before → during | max ms during |',
  );
  line('| --: | --: | --: | --: | --: | --: | --: | --: | --: |');
  for (const r of replace.runs) {
    const stage = r.redis.byCommand?.STAGE_ORDERS;
    const stageCell = stage ? `${f(stage.p50Ms, 1)} / ${f(stage.p90Ms, 1)} / ${f(stage.maxMs, 1)} (${stage.count})` : '–';
    line(
      `| ${f(r.orders)} | ${f(r.bodyMiB, 1)} | ${f(r.putSec, 2)} | ${f(r.rssMiB.peak)} | ` +
        `${f(r.redis.longestCommandMs, 1)} (${r.redis.longestCommand}) | ` +
        `${r.redis.commandsOver2ms} | ${stageCell} | ${f(r.otherTenant.baseline.p99, 1)} → ` +
        `${f(r.otherTenant.duringPut.p99, 1)} | ${f(r.otherTenant.duringPut.max, 1)} |`,
    );
  }
  line();
} else line('_Not run yet: `npm run bench -- replace`._\n');

// ------------------------------------------------------------------ 5. webhooks
line('## 5. Webhook deliveries to a local receiver');
line();
if (webhooks) {
  line(
    `One service process (its dispatcher on, \`WEBHOOK_CONCURRENCY=${webhooks.concurrency}\`), ` +
      `a receiver answering 200 at once in the benchmark's process; a burst of events appended ` +
      `to one tenant's feed as the order scripts append them. ` +
      `Ceiling: the same signed POSTs from a client process of its own straight to the receiver, ` +
      `same concurrency, no Redis (\`bench/ceiling/webhook-client.ts\`): ` +
      `${f(webhooks.ceiling.perSecond)}/s. Saved ${webhooks.savedAt}.`,
  );
  line();
  line(
    '| endpoints | events | deliveries | s | deliveries/s | of the ceiling | event → arrival ms p50 / p99 / max | service CPU s ' +
      'per 1,000 deliveries |',
  );
  line('| --: | --: | --: | --: | --: | --: | --: | --: |');
  for (const r of webhooks.runs) {
    line(
      `| ${r.endpoints} | ${f(r.events)} | ${f(r.deliveries)} | ${f(r.seconds, 2)} | ` +
        `**${f(r.deliveriesPerSecond)}** | ${f(r.ratioToCeiling, 2)} | ${f(r.latencyMs.p50)} / ` +
        `${f(r.latencyMs.p99)} / ${f(r.latencyMs.max)} | ` +
        `${f((r.serviceCpuSeconds / r.deliveries) * 1000, 2)} |`,
    );
  }
  line();
} else line('_Not run yet: `npm run bench -- webhooks`._\n');

// ------------------------------------------------------------------ 6. Search and batch query
line('## 6. Order search and the batch query');
line();
if (search) {
  const m = search.memory;
  line(
    `A tenant of ${f(search.tenantOrders)} 3-line orders (3 of 20 origins, articles from a ` +
      `50-article assortment per origin), written through the restore script in chunks of 1,000 ` +
      `in ${f(search.buildSec, 1)} s. ` +
      `Redis µs: per script call, from the benchmark process (\`INFO commandstats\`). HTTP: one ` +
      `service process, one request at a time on a kept-alive connection, ${f(search.requests)} ` +
      `requests after a warm-up. Saved ${search.savedAt}, load average then ` +
      `${(search.loadAverage ?? []).join(' / ')}.`,
  );
  line();
  line(
    '| GET /{t}/orders?limit=100 and | index entries of the filters | orders in the page | Redis µs per page | HTTP p50 ms | HTTP ' +
      'p99 ms | answer bytes |',
  );
  line('| --- | --- | --: | --: | --: | --: | --: |');
  for (const r of search.pages) {
    const entries = Object.entries(r.indexEntries ?? {})
      .filter(([, n]) => n !== null)
      .map(([k, n]) => `${k} ${f(n as number)}`)
      .join(', ');
    line(
      `| ${r.label} | ${entries} | ${f(r.pageSize)} | ${f(r.redisUs, 1)} | ${f(r.p50Ms, 2)} | ${f(r.p99Ms, 2)} | ${f(r.responseBytes)} |`,
    );
  }
  line();
  line('| POST /{t}/reservations/query | Redis µs | HTTP p50 ms | HTTP p99 ms | answer bytes |');
  line('| --- | --: | --: | --: | --: |');
  for (const r of search.batch) line(`| ${r.label} | ${f(r.redisUs, 1)} | ${f(r.p50Ms, 2)} | ${f(r.p99Ms, 2)} | ${f(r.responseBytes)} |`);
  line();
  line(
    `Memory of that tenant: **${f(m.bytesPerOrder)} B per order** (\`INFO memory\` delta, ` +
      `nothing pending sync): the orders hash ${f(m.perOrder.ordersHash)} B, the order index ` +
      `(with the articles' sets) ${f(m.perOrder.index)} B (${f(m.indexEntriesPerOrder, 2)} entries per order), the ` +
      `reservation figures ${f(m.perOrder.figures)} B; the counters ${f(m.countersBytes)} B for ` +
      `the whole tenant.`,
  );
  line();
} else line('_Not run yet: `npm run bench -- search`._\n');

// ------------------------------------------------------------------ targets
line('## Targets');
line();
line('| target | figure | verdict |');
line('| --- | --- | --- |');
if (http) {
  // Issue 14's targets for the hot routes: req/s and p99 beside the ceiling, and the service's CPU per request.
  for (const key of ['upsert', 'get', 'deleteCode', 'stockOrigin']) {
    const e = http.endpoints[key];
    if (!e) continue;
    const rows = Object.entries(e.rows);
    const cpuRatio = (r: Row) => r.service.serverCpuUsPerReq / r.ceiling.serverCpuUsPerReq;
    const figure = rows
      .map(
        ([c, r]) =>
          `c=${c}: ${f(r.rpsRatio, 2)} of req/s, p99 ${f(r.p99Ratio, 2)}×, server CPU ` +
          `${f(cpuRatio(r), 2)}× (${f(r.service.serverCpuUsPerReq)} / ` +
          `${f(r.ceiling.serverCpuUsPerReq)} µs)`,
      )
      .join('; ');
    const hot = key === 'upsert' || key === 'get';
    const target = hot ? "≥ 0.60 of the ceiling's req/s, p99 ≤ 1.5×, server CPU per request ≤ 2×" : '(no target; reported)';
    const ok = rows.every(([, r]) => r.rpsRatio >= 0.6 && r.p99Ratio <= 1.5 && cpuRatio(r) <= 2);
    line(`| \`${e.label}\` ${target} | ${figure} | ${hot ? verdict(ok) : '–'} |`);
  }
}
if (cost?.deleteCeilingUs) {
  const ratio = cost.deleteAtOriginUs / cost.deleteCeilingUs;
  const ours = instructionsOf('as it is', 'delete at one origin');
  const ceiling = instructionsOf('ceiling', 'delete at one origin');
  const inInstructions =
    ours && ceiling ? `; in instructions ${f(ours / 1000)}k against ${f(ceiling / 1000)}k (${f(ours / ceiling, 2)}×)` : '';
  line(
    `| delete at one origin: Redis µs per call ≤ 1.15× its ceiling script | ` +
      `${f(cost.deleteAtOriginUs, 1)} against ${f(cost.deleteCeilingUs, 1)} µs ` +
      `(${f(ratio, 2)}×)${inInstructions} | ${verdict(ratio <= 1.15)} |`,
  );
}
{
  const withEvent = instructionsOf('through the shadow, nothing skipped', 'creation') ?? instructionsOf('as it is', 'creation');
  const without = instructionsOf('without the event (XADD)', 'creation');
  if (withEvent && without) {
    const ratio = withEvent / without;
    line(
      `| the upsert's event append: within 15 % of the upsert without it (aim) | in instructions ` +
        `(callgrind): ${f(withEvent / 1000)}k with, ${f(without / 1000)}k without ` +
        `(+${f((ratio - 1) * 100, 1)} %) | ${verdict(ratio <= 1.15)} |`,
    );
  }
}
if (cost) {
  const three = cost.upserts.find((u) => u.lines === 3)!;
  line(
    `| Redis time per 3-line upsert ≤ 40 µs | ${f(three.createUs, 1)} µs creation, ` +
      `${f(three.redefineUs, 1)} µs redefinition (ceiling script: ${f(cost.ceilingUs, 1)} µs) | ` +
      `${verdict(Math.max(three.createUs, three.redefineUs) <= 40)} |`,
  );
  line(
    `| memory per stored order ≤ 2× its compact JSON | ${f(cost.memory.ratioSynced, 2)}× ` +
      `synced, ${f(cost.memory.ratioPendingSync, 2)}× with a pending change | ` +
      `${verdict(cost.memory.ratioPendingSync <= 2)} |`,
  );
}
if (cost) {
  const three = cost.upserts.find((u) => u.lines === 3)!;
  line(
    `| 3-line upsert with the indexes, counters, events and idempotency within 20 % of 39.7 µs ` +
      `(≤ 47.6 µs) | ${f(three.createUs, 1)} µs creation | ${verdict(three.createUs <= 47.6)} |`,
  );
}
if (search) {
  const worstPage = search.pages.reduce((a, b) => (b.p99Ms > a.p99Ms ? b : a));
  line(
    `| a page of 100 of ${f(search.tenantOrders)} orders costs in proportion to the page, not ` +
      `the tenant | Redis ${search.pages.map((r) => `${f(r.redisUs, 0)} µs`).join(', ')}; HTTP ` +
      `p99 up to ${f(worstPage.p99Ms, 2)} ms (${worstPage.label}) | (reported) |`,
  );
  const batch = search.batch[0];
  if (batch)
    line(
      `| batch query of 100 articles × 50 origins in a few ms on a warm service | p50 ` +
        `${f(batch.p50Ms, 2)} ms, p99 ${f(batch.p99Ms, 2)} ms | ${verdict(batch.p99Ms <= 5)} |`,
    );
}
if (sync) {
  const worst = Math.max(...sync.incremental.map((r) => r.ratio));
  const times = sync.incremental.map((r) => r.reservoirSec);
  line(
    `| incremental flush ≤ 2× raw bulkWrite, whatever the tenant size | ` +
      `${sync.incremental.map((r) => `${f(r.tenantOrders)} orders: ${f(r.ratio, 2)}×`).join('; ')} (flush ` +
      `time ${f(Math.min(...times), 2)}–${f(Math.max(...times), 2)} s) | ${verdict(worst <= 2)} |`,
  );
  line(`| full flush ≤ 1.5× raw | ${f(sync.full.ratio, 2)}× (${f(sync.full.orders)} orders) | ${verdict(sync.full.ratio <= 1.5)} |`);
  line(`| restore ≤ 1.5× raw | ${f(sync.restore.ratio, 2)}× (${f(sync.restore.orders)} orders) | ${verdict(sync.restore.ratio <= 1.5)} |`);
}
if (webhooks) {
  const one = webhooks.runs.find((r) => r.endpoints === 1);
  if (one)
    line(
      `| webhook deliveries per second to a local receiver (reported) | ` +
        `${f(one.deliveriesPerSecond)}/s with one endpoint (${f(one.ratioToCeiling, 2)} of the ` +
        `HTTP ceiling) | – |`,
    );
}
if (replace) {
  const big = replace.runs.reduce((a, b) => (b.orders > a.orders ? b : a));
  line(
    `| PUT of ${f(big.orders)}: no Redis command over 50 ms | longest ` +
      `${f(big.redis.longestCommandMs, 1)} ms | ${verdict(big.redis.longestCommandMs <= 50)} |`,
  );
  line(`| PUT of ${f(big.orders)}: peak RSS < 1 GiB | ${f(big.rssMiB.peak)} MiB | ${verdict(big.rssMiB.peak < 1024)} |`);
  line(
    `| PUT of ${f(big.orders)}: other tenants keep being served | their p99 ` +
      `${f(big.otherTenant.baseline.p99, 1)} → ${f(big.otherTenant.duringPut.p99, 1)} ms, max ` +
      `${f(big.otherTenant.duringPut.max, 0)} ms, ${big.otherTenant.duringPut.non2xx} errors | ` +
      `(reported) |`,
  );
}
line();

const notes = path.join(BENCH_DIR, 'NOTES.md');
if (existsSync(notes)) out.push(readFileSync(notes, 'utf8').trim(), '');
writeFileSync(path.join(BENCH_DIR, 'RESULTS.md'), out.join('\n'));
console.log('bench/RESULTS.md written');
