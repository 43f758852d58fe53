/**
 * FerretDB v1.24.2 on its SQLite backend vs its PostgreSQL backend, on the archive's workload:
 * a collection of the archive's documents (`_id` "<tenantId>:<orderId>", the archive's indexes),
 * then the archive's writes: bulks of 50 replace-upserts by `_id` (unordered), deletes by `_id`
 * and finds by `_id`, timed one after the other.
 *
 *   npx tsx bench/ferretdb-backends.ts [DOCS=8000] [BATCHES=10] [BATCH=20]
 *
 * BATCH stays under 50: FerretDB v1.24's update command keeps one backend connection per
 * statement until the command ends (`defer closer.Close()` in a loop, internal/handler/msg_update.go),
 * and its PostgreSQL pool holds 50 (pool_max_conns): a bulk of 50 statements waits forever there.
 * On PostgreSQL the query plan of a lookup by `_id` is printed too (EXPLAIN of FerretDB's filter).
 *
 * Each server is started by test/support/servers.ts (PostgreSQL: a database of its own on
 * RESERVOIR_POSTGRES_URL's server, dropped at the end). Prints a Markdown table.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient, type AnyBulkWriteOperation, type Document } from 'mongodb';
import { execFileSync } from 'node:child_process';
import { startMongoServer, type FerretBackend } from '../test/support/servers.js';

const DOCS = Number(process.argv[2] ?? 8000);
const BATCHES = Number(process.argv[3] ?? 10);
const BATCH = Number(process.argv[4] ?? 20);
const TENANT = 42;

type ArchiveDoc = { _id: string } & Document;

function archiveDoc(orderId: string, run: string): ArchiveDoc {
  return {
    _id: `${TENANT}:${orderId}`,
    tenantId: TENANT,
    orderId,
    lastUpdated: new Date(),
    expiresAt: null,
    type: 'Order',
    lines: [
      { code: 'FRA:MAG:0125', artGuid: randomUUID(), qty: 1 },
      { code: 'FRA:MAG:0953', artGuid: randomUUID(), qty: 2 },
      { code: 'BER:STO:0001', artGuid: randomUUID(), qty: 3 },
    ],
    syncRun: run,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Figures {
  backend: FerretBackend;
  loadMs: number;
  bulkMs: number[];
  replaceOneMs: number[];
  deleteOneMs: number[];
  findOneMs: number[];
  plan?: string;
}

/** PostgreSQL's plan for FerretDB's pushed-down `_id` filter (`_jsonb->'_id' @> '"<id>"'`). */
function postgresPlan(pgUrl: string, id: string): string {
  const url = new URL(pgUrl);
  url.search = ''; // FerretDB's own parameters (pool_max_conns) are not libpq's
  const psql = (sql: string) => execFileSync('psql', [url.toString(), '-Atqc', sql], { encoding: 'utf8' }).trim();
  const table = psql(
    `select schemaname || '.' || tablename from pg_tables where schemaname = 'reservoir_bench' and tablename like 'orders_%'`,
  );
  return psql(`explain select _jsonb from ${table} where _jsonb->'_id' @> '${JSON.stringify(id)}'`);
}

async function measure(backend: FerretBackend): Promise<Figures> {
  const server = await startMongoServer({ ferretdbBackend: backend, dbName: 'reservoir_bench' });
  const client = new MongoClient(server.url, { serverSelectionTimeoutMS: 5000, socketTimeoutMS: 600_000 });
  try {
    const orders = client.db().collection<ArchiveDoc>('orders');
    await orders.createIndex({ tenantId: 1, orderId: 1 }, { name: 'tenant_order', unique: true });
    await orders.createIndex({ tenantId: 1, syncRun: 1 }, { name: 'tenant_run' });
    const ids = Array.from({ length: DOCS }, () => randomUUID());
    const started = performance.now();
    // Loading goes by inserts (no lookup by _id): the same cost on both sides' indexes.
    for (let i = 0; i < ids.length; i += 500) {
      await orders.insertMany(
        ids.slice(i, i + 500).map((id) => archiveDoc(id, 'load')),
        { ordered: false },
      );
    }
    const loadMs = performance.now() - started;

    const time = async (fn: () => Promise<unknown>) => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    const pick = (n: number) => Array.from({ length: n }, () => ids[Math.floor(Math.random() * ids.length)]!);

    const bulkMs: number[] = [];
    for (let b = 0; b < BATCHES; b++) {
      const ops: AnyBulkWriteOperation<ArchiveDoc>[] = pick(BATCH).map((id) => {
        const replacement = archiveDoc(id, `run-${b}`);
        return { replaceOne: { filter: { _id: replacement._id }, replacement, upsert: true } };
      });
      bulkMs.push(await time(() => orders.bulkWrite(ops, { ordered: false })));
    }
    const replaceOneMs: number[] = [];
    const findOneMs: number[] = [];
    const deleteOneMs: number[] = [];
    for (const id of pick(20)) {
      const doc = archiveDoc(id, 'single');
      replaceOneMs.push(await time(() => orders.replaceOne({ _id: doc._id }, doc, { upsert: true })));
      findOneMs.push(await time(() => orders.findOne({ _id: doc._id })));
    }
    for (const id of pick(20)) deleteOneMs.push(await time(() => orders.deleteOne({ _id: `${TENANT}:${id}` })));
    const plan = server.postgresUrl ? postgresPlan(server.postgresUrl, `${TENANT}:${ids[0]}`) : undefined;
    return { backend, loadMs, bulkMs, replaceOneMs, deleteOneMs, findOneMs, plan };
  } finally {
    await client.close();
    await server.destroy();
  }
}

const results: Figures[] = [];
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'sqlite,postgresql').split(',') as FerretBackend[];
for (const backend of BACKENDS) {
  process.stderr.write(`ferretdb-backends: ${backend}, ${DOCS} documents, ${BATCHES} bulks of ${BATCH}...\n`);
  results.push(await measure(backend));
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const row = (f: Figures) =>
  `| ${f.backend} | ${ms(f.loadMs / 1000)} s | ${ms(median(f.bulkMs))} ms (max ` +
  `${ms(Math.max(...f.bulkMs))}) | ${ms(median(f.replaceOneMs))} ms | ` +
  `${ms(median(f.deleteOneMs))} ms | ${ms(median(f.findOneMs))} ms |`;
process.stdout.write(
  [
    `FerretDB v1.24.2, ${DOCS} archive documents, ${new Date().toISOString()}; medians of ${BATCHES} bulks and 20 single operations`,
    '',
    `| backend | load (inserts of 500) | bulk of ${BATCH} replace-upserts by _id | replaceOne by _id | deleteOne by _id | findOne by _id |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(row),
    '',
    ...results.filter((f) => f.plan).map((f) => `PostgreSQL plan of a lookup by _id:\n\n${f.plan}\n`),
  ].join('\n'),
);
