import type { Knex } from 'knex';
import type { Finding } from '@pavedroad/guardrails-core/model';
import { GUARDRAILS } from '@pavedroad/guardrails-core/model';
import { randomUUID } from 'node:crypto';
import { EntityDirectory } from '../service/entity-directory';
import { IngestService } from '../service/ingest-service';
import { ScorecardService } from '../service/scorecard-service';
import { DEFAULT_SLA } from '../service/sla';
import { SCORECARD_SORTS } from '../store/guardrails-store';
import { ZERO_SEVERITY_COUNTS } from '../store/entity-record';
import { KnexGuardrailsStore } from '../store/knex-guardrails-store';

// Benchmark driver for bench/backend.mjs: the real services on a real database, timed from outside.

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

function finding(key: string, i: number): Finding {
  const g = GUARDRAILS[i % GUARDRAILS.length];
  return {
    ruleId: `rule-${i % 17}`,
    guardrail: g?.id ?? 'no-leaked-secrets',
    severity: SEVERITIES[i % SEVERITIES.length] ?? 'low',
    confidence: 'high',
    title: `Finding ${key}`,
    message: `Something insecure in file ${i % 300} (${key}).`,
    location: { path: `src/dir${i % 40}/file${i % 300}.ts`, startLine: 1 + (i % 200), startColumn: 1, endLine: 1 + (i % 200), endColumn: 20 },
    fingerprint: `fp-${key}`.padEnd(16, '0'),
    evidence: 'AKIA…(20 chars)',
    remediation: { text: 'Fix it.', pavedRoad: 'Use the paved road.' },
    references: ['https://example.test/ref'],
    source: 'repo',
  };
}

function report(slug: string, findings: Finding[], minute: number) {
  return {
    schemaVersion: '1.0',
    tool: { name: 'paved-road-guardrails', version: '0.1.0' },
    repository: { slug, ref: 'refs/heads/main', defaultBranch: 'main', commit: String(minute % 10).repeat(40) },
    scan: { root: '.', scope: 'full', startedAt: new Date(Date.UTC(2026, 10, 1, 0, minute)).toISOString(), durationMs: 1, filesScanned: 300, filesSkipped: [] },
    findings,
    guardrails: GUARDRAILS.map((g) => {
      const n = findings.filter((f) => f.guardrail === g.id).length;
      return { id: g.id, status: n > 0 ? 'fail' : 'pass', findings: n };
    }),
    errors: [],
  };
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export interface BenchOptions {
  bigFindings: number;
  ingestRuns: number;
  entities: number;
  findingsPerEntity: number;
  listRequests: number;
}

export interface BenchResult {
  ingest: { p50: number; p95: number; max: number };
  rawInsert: number;
  seedSeconds: number;
  list: { p50: number; p95: number };
  plainSelect: { p50: number; p95: number };
}

/** Runs the benchmark on a migrated, empty database. */
export async function runBackendBench(knex: Knex, options: BenchOptions): Promise<BenchResult> {
  const store = new KnexGuardrailsStore(knex);
  const now = { t: Date.UTC(2026, 10, 1) };
  const noop = () => undefined;
  const logger = { info: noop, warn: noop, error: noop, debug: noop, child: () => logger };
  const auth = {} as ConstructorParameters<typeof EntityDirectory>[0]['auth'];
  const directory = new EntityDirectory({ store, auth, logger, clock: () => now.t });
  const ingest = new IngestService({ store, directory, sla: DEFAULT_SLA, bindings: [{ subject: 'bench', repositories: ['*'] }], clock: () => now.t, newId: randomUUID });
  const scorecards = new ScorecardService({ store, clock: () => now.t, sourceBaseUrl: 'https://github.com' });
  const entity = (name: string, owner: string) => ({
    entityRef: `component:default/${name}`, kind: 'component', namespace: 'default', name, owner, system: `system:default/s${name.length % 7}`,
    lifecycle: name.length % 2 ? 'production' : 'experimental', repository: `bench/${name}`, inCatalog: true, evaluated: false, score: null, grade: null,
    level: 'none' as const, openFindings: 0, overdueFindings: 0, bySeverity: { ...ZERO_SEVERITY_COUNTS }, statuses: {}, syncedAt: now.t,
  });

  // 1. One service, a report of `bigFindings` findings, then later reports that move 10% of them.
  await store.upsertEntities([entity('big', 'group:default/big')]);
  const ingestTimes: number[] = [];
  for (let run = 0; run < options.ingestRuns; run++) {
    const offset = run * Math.floor(options.bigFindings / 10);
    const findings = Array.from({ length: options.bigFindings }, (_, i) => finding(`big-${i + offset}`, i + offset));
    const body = report('bench/big', findings, run);
    ingestTimes.push(await timed(() => ingest.ingestReport(body, { subject: 'bench' })));
  }
  // Peer: the same number of rows written by one plain batch insert into a scratch table.
  await knex.schema.createTable('bench_raw', (t) => {
    t.string('id').primary();
    t.text('payload');
  });
  const rows = Array.from({ length: options.bigFindings }, (_, i) => ({ id: `r${i}`, payload: JSON.stringify(finding(`raw-${i}`, i)) }));
  const rawInsert = await timed(() => knex.transaction(async (trx) => { await trx.batchInsert('bench_raw', rows, 500); }));
  await knex.schema.dropTable('bench_raw');

  // 2. Many services with `findingsPerEntity` findings each, filed as reports.
  const seedStart = performance.now();
  const teams = 25;
  await store.upsertEntities(Array.from({ length: options.entities }, (_, e) => entity(`svc-${e}`, `group:default/team-${e % teams}`)));
  for (let e = 0; e < options.entities; e++) {
    const n = e % 10 === 0 ? 0 : options.findingsPerEntity;
    const findings = Array.from({ length: n }, (_, i) => finding(`svc-${e}-${i}`, i + e));
    await ingest.ingestReport(report(`bench/svc-${e}`, findings, 1), { subject: 'bench' });
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;

  // 3. The scorecards list as the paved-road page asks for it: filters, sorts, pages.
  const list: number[] = [];
  const plain: number[] = [];
  for (let r = 0; r < options.listRequests; r++) {
    const query: Parameters<ScorecardService['listScorecards']>[0] = { offset: (r % 20) * 50, limit: 50, sort: SCORECARD_SORTS[r % SCORECARD_SORTS.length] ?? '-score' };
    if (r % 3 === 1) query.owner = [`group:default/team-${r % teams}`];
    if (r % 5 === 2) query.lifecycle = ['production'];
    if (r % 7 === 3) query.level = ['none'];
    list.push(await timed(() => scorecards.listScorecards(query)));
    plain.push(await timed(() => knex('guardrails_entities').select().offset(query.offset).limit(50)));
  }
  return {
    ingest: { p50: percentile(ingestTimes, 50), p95: percentile(ingestTimes, 95), max: Math.max(...ingestTimes) },
    rawInsert,
    seedSeconds,
    list: { p50: percentile(list, 50), p95: percentile(list, 95) },
    plainSelect: { p50: percentile(plain, 50), p95: percentile(plain, 95) },
  };
}
