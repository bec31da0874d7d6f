// Backend benchmark: the real ingestion and scorecard services on SQLite and on PostgreSQL.
//  - ingest a 10,000-finding report (then later reports that move 10% of the findings): p50/p95 per report,
//    next to one plain batch insert of the same number of rows (the floor);
//  - 1,000 services with 100 findings each, filed as reports; then the scorecards list (filters, sorts, pages):
//    p50/p95, next to a plain `select ... limit 50` of the same table.
// Usage: node bench/backend.mjs [--postgres postgresql://postgres@127.0.0.1:5432] [--postgres-only] [--quick] [--findings N]
// PostgreSQL comes from --postgres or BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING; without either, SQLite only.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(repo, 'plugin-backend', 'package.json'));
const knexFactory = require('knex');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const quick = process.argv.includes('--quick');
const postgresUrl = arg('--postgres') ?? process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const options = quick
  ? { bigFindings: 2000, ingestRuns: 3, entities: 100, findingsPerEntity: 20, listRequests: 40 }
  : { bigFindings: 10000, ingestRuns: 5, entities: 1000, findingsPerEntity: 100, listRequests: 200 };

// Bundle the TypeScript driver and the services it uses; npm packages stay external.
const out = mkdtempSync(join(tmpdir(), 'guardrails-bench-'));
await build({
  entryPoints: [join(repo, 'plugin-backend/src/bench/backend-bench.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: join(out, 'bench.mjs'),
  logLevel: 'error',
  plugins: [
    {
      name: 'external-packages',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith('@pavedroad/') ? undefined : { path: require.resolve(a.path), external: true }));
      },
    },
  ],
});
const { runBackendBench } = await import(pathToFileURL(join(out, 'bench.mjs')).href);
const migrations = join(repo, 'plugin-backend/migrations');

async function onDatabase(label, makeKnex, cleanup) {
  const knex = makeKnex();
  try {
    await knex.migrate.latest({ directory: migrations });
    const r = await runBackendBench(knex, options);
    const ms = (x) => `${x.toFixed(1)} ms`;
    console.log(`\n${label}`);
    console.log(`  ingest ${options.bigFindings} findings: p50 ${ms(r.ingest.p50)}, p95 ${ms(r.ingest.p95)}, max ${ms(r.ingest.max)}  (plain batch insert of as many rows: ${ms(r.rawInsert)}; ratio p95/plain ${(r.ingest.p95 / r.rawInsert).toFixed(1)}x)`);
    console.log(`  seeded ${options.entities} services x ${options.findingsPerEntity} findings by ingestion in ${r.seedSeconds.toFixed(1)} s`);
    console.log(`  scorecards list (limit 50, filters, sorts): p50 ${ms(r.list.p50)}, p95 ${ms(r.list.p95)}  (plain select: p95 ${ms(r.plainSelect.p95)}; ratio ${(r.list.p95 / r.plainSelect.p95).toFixed(1)}x)`);
    return r;
  } finally {
    await knex.destroy();
    await cleanup?.();
  }
}

const results = {};
if (arg('--findings')) options.bigFindings = Number(arg('--findings'));
if (!process.argv.includes('--postgres-only')) results.sqlite = await onDatabase('SQLite (better-sqlite3, in memory)', () => knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true }));
if (postgresUrl) {
  const db = `guardrails_bench_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: postgresUrl });
  await admin.raw(`create database ${db}`);
  await admin.destroy();
  const url = new URL(postgresUrl);
  url.pathname = `/${db}`;
  results.postgres = await onDatabase(`PostgreSQL (${postgresUrl.replace(/\/\/[^@]*@/, '//')})`, () => knexFactory({ client: 'pg', connection: url.toString(), pool: { min: 1, max: 10 } }), async () => {
    const drop = knexFactory({ client: 'pg', connection: postgresUrl });
    await drop.raw(`drop database if exists ${db}`);
    await drop.destroy();
  });
  const ok = results.postgres.ingest.p95 < 2000 && results.postgres.list.p95 < 200;
  console.log(`\nTargets on PostgreSQL (ingest of ${options.bigFindings} < 2 s, list p95 < 200 ms): ${ok ? 'met' : 'NOT met'}`);
} else {
  console.log('\nNo PostgreSQL given (--postgres URL): SQLite only.');
}
rmSync(out, { recursive: true, force: true });
