import type { Knex } from 'knex';
import type {
  FindingStatus,
  GuardrailId,
  GuardrailResult,
  PavedRoadLevel,
  PostureSource,
  Severity,
  Grade,
  SeverityCounts,
} from '@pavedroad/guardrails-core/model';
import { ACTIVE_FINDING_STATUSES } from '@pavedroad/guardrails-core/model';
import type { ActiveCount } from '../service/posture';
import type { EntityRecord, StoredPosture } from './entity-record';
import { ZERO_SEVERITY_COUNTS } from './entity-record';
import type { EntitySourceRecord } from './entity-source-record';
import type { FindingEventRecord, FindingRecord } from './finding-record';
import type {
  FindingQuery,
  FindingTiming,
  GuardrailsStore,
  PageRequest,
  ScorecardQuery,
  SnapshotRecord,
} from './guardrails-store';
import type { ReportRecord } from './report-record';

// Rows as the drivers return them: PostgreSQL gives bigint columns as strings, SQLite gives booleans as 0/1.
type Num = number | string;
type Bool = boolean | number;

interface EntityRow {
  entity_ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  owner: string | null;
  system: string | null;
  lifecycle: string | null;
  type: string | null;
  repository: string | null;
  aws_accounts: string;
  in_catalog: Bool;
  evaluated: Bool;
  score: Num | null;
  grade: string | null;
  level: string;
  open_findings: Num;
  overdue_findings: Num;
  severity_counts: string;
  statuses: string;
  scorecard: string | null;
  posture_updated_at: Num | null;
  synced_at: Num;
}

interface ReportRow {
  id: string;
  source_key: string;
  kind: string;
  scope: string;
  posture: Bool;
  repository: string | null;
  account_id: string | null;
  ref: string | null;
  commit: string | null;
  base: string | null;
  scanned_at: Num;
  received_at: Num;
  submitted_by: string;
  finding_count: Num;
  error_count: Num;
  partial: Bool;
  guardrails: string;
  entity_refs: string;
  claimed: Bool;
  body: string | null;
}

interface SourceRow {
  entity_ref: string;
  source_key: string;
  kind: string;
  report_id: string;
  scanned_at: Num;
  received_at: Num;
  repository: string | null;
  commit: string | null;
  ref: string | null;
  partial: Bool;
  error_count: Num;
  guardrails: string;
}

interface FindingRow {
  id: string;
  entity_ref: string;
  fingerprint: string;
  source_key: string;
  kind: string;
  rule_id: string;
  guardrail: string;
  severity: string;
  confidence: string;
  title: string;
  message: string;
  location: string | null;
  resource: string | null;
  repository: string | null;
  commit: string | null;
  evidence: string;
  remediation: string;
  references: string;
  properties: string | null;
  status: string;
  inline_suppressed: Bool;
  triage_reason: string | null;
  triage_by: string | null;
  triage_at: Num | null;
  triage_expires_at: Num | null;
  first_seen_at: Num;
  last_seen_at: Num;
  fixed_at: Num | null;
  due_at: Num | null;
  last_report_id: string;
  overdue_notified_at: Num | null;
}

interface EventRow {
  finding_id: string;
  at: Num;
  from_status: string | null;
  to_status: string;
  actor: string;
  reason: string | null;
  report_id: string | null;
}

interface SnapshotRow {
  entity_ref: string;
  day: string;
  score: Num | null;
  grade: string | null;
  level: string;
  open_findings: Num;
  overdue_findings: Num;
  statuses: string;
}

const ENTITIES = 'guardrails_entities';
const ACCOUNTS = 'guardrails_entity_accounts';
const REPORTS = 'guardrails_reports';
const SOURCES = 'guardrails_entity_sources';
const FINDINGS = 'guardrails_findings';
const EVENTS = 'guardrails_finding_events';
const SNAPSHOTS = 'guardrails_snapshots';

/** Rows per statement: keeps every batch under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const CHUNK = 250;

const num = (v: Num): number => (typeof v === 'number' ? v : Number(v));
const optNum = (v: Num | null | undefined): number | undefined => (v === null || v === undefined ? undefined : num(v));
const bool = (v: Bool): boolean => v === true || v === 1;
const parse = <T>(text: string): T => JSON.parse(text) as T;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function entityFromRow(r: EntityRow): EntityRecord {
  const e: EntityRecord = {
    entityRef: r.entity_ref,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    inCatalog: bool(r.in_catalog),
    evaluated: bool(r.evaluated),
    score: r.score === null ? null : num(r.score),
    grade: r.grade as Grade | null,
    level: r.level as PavedRoadLevel,
    openFindings: num(r.open_findings),
    overdueFindings: num(r.overdue_findings),
    bySeverity: { ...ZERO_SEVERITY_COUNTS, ...parse<Partial<SeverityCounts>>(r.severity_counts) },
    statuses: parse(r.statuses),
    syncedAt: num(r.synced_at),
  };
  if (r.title) e.title = r.title;
  if (r.owner) e.owner = r.owner;
  if (r.system) e.system = r.system;
  if (r.lifecycle) e.lifecycle = r.lifecycle;
  if (r.type) e.type = r.type;
  if (r.repository) e.repository = r.repository;
  const accounts = parse<string[]>(r.aws_accounts);
  if (accounts.length > 0) e.awsAccounts = accounts;
  if (r.scorecard) e.posture = parse<StoredPosture>(r.scorecard);
  const updated = optNum(r.posture_updated_at);
  if (updated !== undefined) e.postureUpdatedAt = updated;
  return e;
}

function entityToRow(e: EntityRecord): EntityRow {
  return {
    entity_ref: e.entityRef,
    kind: e.kind,
    namespace: e.namespace,
    name: e.name,
    title: e.title ?? null,
    owner: e.owner ?? null,
    system: e.system ?? null,
    lifecycle: e.lifecycle ?? null,
    type: e.type ?? null,
    repository: e.repository ?? null,
    aws_accounts: JSON.stringify(e.awsAccounts ?? []),
    in_catalog: e.inCatalog,
    evaluated: e.evaluated,
    score: e.score,
    grade: e.grade,
    level: e.level,
    open_findings: e.openFindings,
    overdue_findings: e.overdueFindings,
    severity_counts: JSON.stringify(e.bySeverity),
    statuses: JSON.stringify(e.statuses),
    scorecard: e.posture ? JSON.stringify(e.posture) : null,
    posture_updated_at: e.postureUpdatedAt ?? null,
    synced_at: e.syncedAt,
  };
}

function reportFromRow(r: ReportRow): ReportRecord {
  const rec: ReportRecord = {
    id: r.id,
    sourceKey: r.source_key,
    kind: r.kind as ReportRecord['kind'],
    scope: r.scope as ReportRecord['scope'],
    posture: bool(r.posture),
    scannedAt: num(r.scanned_at),
    receivedAt: num(r.received_at),
    submittedBy: r.submitted_by,
    findingCount: num(r.finding_count),
    errorCount: num(r.error_count),
    partial: bool(r.partial),
    guardrails: parse<GuardrailResult[]>(r.guardrails),
    entityRefs: parse<string[]>(r.entity_refs),
    claimed: bool(r.claimed),
  };
  if (r.repository) rec.repository = r.repository;
  if (r.account_id) rec.accountId = r.account_id;
  if (r.ref) rec.ref = r.ref;
  if (r.commit) rec.commit = r.commit;
  if (r.base) rec.base = r.base;
  if (r.body) rec.body = r.body;
  return rec;
}

function sourceFromRow(r: SourceRow): EntitySourceRecord {
  const s: EntitySourceRecord = {
    entityRef: r.entity_ref,
    sourceKey: r.source_key,
    kind: r.kind as PostureSource,
    reportId: r.report_id,
    scannedAt: num(r.scanned_at),
    receivedAt: num(r.received_at),
    partial: bool(r.partial),
    errorCount: num(r.error_count),
    guardrails: parse<GuardrailResult[]>(r.guardrails),
  };
  if (r.repository) s.repository = r.repository;
  if (r.commit) s.commit = r.commit;
  if (r.ref) s.ref = r.ref;
  return s;
}

function findingFromRow(r: FindingRow): FindingRecord {
  const f: FindingRecord = {
    id: r.id,
    entityRef: r.entity_ref,
    fingerprint: r.fingerprint,
    sourceKey: r.source_key,
    kind: r.kind as PostureSource,
    ruleId: r.rule_id,
    guardrail: r.guardrail as GuardrailId,
    severity: r.severity as Severity,
    confidence: r.confidence as FindingRecord['confidence'],
    title: r.title,
    message: r.message,
    evidence: r.evidence,
    remediation: parse(r.remediation),
    references: parse(r.references),
    status: r.status as FindingStatus,
    inlineSuppressed: bool(r.inline_suppressed),
    firstSeenAt: num(r.first_seen_at),
    lastSeenAt: num(r.last_seen_at),
    lastReportId: r.last_report_id,
  };
  if (r.location) f.location = parse(r.location);
  if (r.resource) f.resource = parse(r.resource);
  if (r.repository) f.repository = r.repository;
  if (r.commit) f.commit = r.commit;
  if (r.properties) f.properties = parse(r.properties);
  if (r.triage_reason !== null && r.triage_by !== null && r.triage_at !== null) {
    f.triage = { reason: r.triage_reason, by: r.triage_by, at: num(r.triage_at) };
    const expires = optNum(r.triage_expires_at);
    if (expires !== undefined) f.triage.expiresAt = expires;
  }
  const fixedAt = optNum(r.fixed_at);
  if (fixedAt !== undefined) f.fixedAt = fixedAt;
  const dueAt = optNum(r.due_at);
  if (dueAt !== undefined) f.dueAt = dueAt;
  const notified = optNum(r.overdue_notified_at);
  if (notified !== undefined) f.overdueNotifiedAt = notified;
  return f;
}

function findingToRow(f: FindingRecord): FindingRow {
  return {
    id: f.id,
    entity_ref: f.entityRef,
    fingerprint: f.fingerprint,
    source_key: f.sourceKey,
    kind: f.kind,
    rule_id: f.ruleId,
    guardrail: f.guardrail,
    severity: f.severity,
    confidence: f.confidence,
    title: f.title,
    message: f.message,
    location: f.location ? JSON.stringify(f.location) : null,
    resource: f.resource ? JSON.stringify(f.resource) : null,
    repository: f.repository ?? null,
    commit: f.commit ?? null,
    evidence: f.evidence,
    remediation: JSON.stringify(f.remediation),
    references: JSON.stringify(f.references),
    properties: f.properties ? JSON.stringify(f.properties) : null,
    status: f.status,
    inline_suppressed: f.inlineSuppressed,
    triage_reason: f.triage?.reason ?? null,
    triage_by: f.triage?.by ?? null,
    triage_at: f.triage?.at ?? null,
    triage_expires_at: f.triage?.expiresAt ?? null,
    first_seen_at: f.firstSeenAt,
    last_seen_at: f.lastSeenAt,
    fixed_at: f.fixedAt ?? null,
    due_at: f.dueAt ?? null,
    last_report_id: f.lastReportId,
    overdue_notified_at: f.overdueNotifiedAt ?? null,
  };
}

function snapshotFromRow(r: SnapshotRow): SnapshotRecord {
  return {
    entityRef: r.entity_ref,
    day: r.day,
    score: r.score === null ? null : num(r.score),
    grade: r.grade as Grade | null,
    level: r.level as PavedRoadLevel,
    openFindings: num(r.open_findings),
    overdueFindings: num(r.overdue_findings),
    statuses: parse(r.statuses),
  };
}

const SORT_COLUMNS = {
  score: ['score', 'asc'],
  '-score': ['score', 'desc'],
  name: ['name', 'asc'],
  '-name': ['name', 'desc'],
  open: ['open_findings', 'asc'],
  '-open': ['open_findings', 'desc'],
  overdue: ['overdue_findings', 'asc'],
  '-overdue': ['overdue_findings', 'desc'],
} as const;

/** The portal's store on knex: SQLite (better-sqlite3) or PostgreSQL. */
export class KnexGuardrailsStore implements GuardrailsStore {
  readonly #db: Knex | Knex.Transaction;
  readonly #postgres: boolean;

  constructor(db: Knex | Knex.Transaction) {
    this.#db = db;
    const client = (db.client as { config?: { client?: unknown } }).config?.client;
    this.#postgres = client === 'pg' || client === 'postgres' || client === 'postgresql';
  }

  async transaction<T>(fn: (store: GuardrailsStore) => Promise<T>): Promise<T> {
    if (this.#db.isTransaction) return fn(this);
    return this.#db.transaction(async (trx) => fn(new KnexGuardrailsStore(trx)));
  }

  async lock(key: string): Promise<void> {
    if (!this.#postgres) return;
    if (!this.#db.isTransaction) throw new Error('lock() needs a transaction');
    await this.#db.raw('select pg_advisory_xact_lock(hashtext(?))', [`guardrails:${key}`]);
  }

  async upsertEntities(entities: readonly EntityRecord[]): Promise<void> {
    for (const batch of chunks(entities)) {
      const rows = batch.map(entityToRow).map((r) => ({
        entity_ref: r.entity_ref,
        kind: r.kind,
        namespace: r.namespace,
        name: r.name,
        title: r.title,
        owner: r.owner,
        system: r.system,
        lifecycle: r.lifecycle,
        type: r.type,
        repository: r.repository,
        aws_accounts: r.aws_accounts,
        in_catalog: r.in_catalog,
        synced_at: r.synced_at,
      }));
      // Catalog fields only: a sync never overwrites the posture an ingest computed.
      await this.#db(ENTITIES)
        .insert(rows)
        .onConflict('entity_ref')
        .merge(['kind', 'namespace', 'name', 'title', 'owner', 'system', 'lifecycle', 'type', 'repository', 'aws_accounts', 'in_catalog', 'synced_at']);
      const refs = batch.map((e) => e.entityRef);
      await this.#db(ACCOUNTS).whereIn('entity_ref', refs).delete();
      const accounts = batch.flatMap((e) => (e.awsAccounts ?? []).map((a) => ({ account_id: a, entity_ref: e.entityRef })));
      if (accounts.length > 0) await this.#db(ACCOUNTS).insert(accounts).onConflict(['account_id', 'entity_ref']).ignore();
    }
  }

  async markEntitiesOutOfCatalog(keep: readonly string[]): Promise<void> {
    const known = await this.#db<EntityRow>(ENTITIES).where('in_catalog', true).pluck('entity_ref');
    const keepSet = new Set(keep);
    const gone = known.filter((ref) => !keepSet.has(ref));
    for (const batch of chunks(gone)) {
      await this.#db(ENTITIES).whereIn('entity_ref', batch).update({ in_catalog: false });
      await this.#db(ACCOUNTS).whereIn('entity_ref', batch).delete();
    }
  }

  async getEntity(entityRef: string): Promise<EntityRecord | undefined> {
    const row = await this.#db<EntityRow>(ENTITIES).where('entity_ref', entityRef).first();
    return row ? entityFromRow(row) : undefined;
  }

  async getEntities(entityRefs: readonly string[]): Promise<EntityRecord[]> {
    const out: EntityRecord[] = [];
    for (const batch of chunks(entityRefs)) {
      const rows = await this.#db<EntityRow>(ENTITIES).whereIn('entity_ref', batch);
      out.push(...rows.map(entityFromRow));
    }
    return out;
  }

  async listEntities(options: { owner?: string; evaluatedOnly?: boolean } = {}): Promise<EntityRecord[]> {
    const q = this.#db<EntityRow>(ENTITIES).where('in_catalog', true);
    if (options.owner) q.where('owner', options.owner);
    if (options.evaluatedOnly) q.where('evaluated', true);
    const rows = await q.orderBy('entity_ref');
    return rows.map(entityFromRow);
  }

  async entitiesForRepository(repository: string): Promise<string[]> {
    const rows = await this.#db<EntityRow>(ENTITIES).where({ repository: repository.toLowerCase(), in_catalog: true }).orderBy('entity_ref').pluck('entity_ref');
    return rows;
  }

  async entitiesForAccount(accountId: string): Promise<string[]> {
    const rows = await this.#db(ACCOUNTS).where('account_id', accountId).orderBy('entity_ref').pluck('entity_ref');
    return rows as string[];
  }

  async listScorecards(query: ScorecardQuery): Promise<{ items: EntityRecord[]; total: number }> {
    const base = this.#db<EntityRow>(ENTITIES).where('in_catalog', true);
    if (query.owner?.length) base.whereIn('owner', query.owner);
    if (query.system?.length) base.whereIn('system', query.system);
    if (query.kind?.length) base.whereIn('kind', query.kind);
    if (query.lifecycle?.length) base.whereIn('lifecycle', query.lifecycle);
    if (query.level?.length) base.whereIn('level', query.level).where('evaluated', true);
    if (query.grade?.length) base.whereIn('grade', query.grade);
    if (query.q) {
      const like = `%${query.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      base.where((w) => {
        void w.whereRaw(`lower(name) like ? escape '\\'`, [like]).orWhereRaw(`lower(coalesce(title, '')) like ? escape '\\'`, [like]);
      });
    }
    const countRow = await base.clone().count<{ n: Num }[]>({ n: '*' }).first();
    const [column, direction] = SORT_COLUMNS[query.sort];
    // Services never evaluated sort last whatever the direction: "no data" is neither best nor worst.
    const rows = await base
      .clone()
      .orderBy([
        { column: 'evaluated', order: 'desc' },
        { column, order: direction, nulls: 'last' },
        { column: 'entity_ref', order: 'asc' },
      ])
      .offset(query.offset)
      .limit(query.limit);
    return { items: rows.map(entityFromRow), total: countRow ? num(countRow.n) : 0 };
  }

  async savePosture(e: EntityRecord): Promise<void> {
    const row = entityToRow(e);
    await this.#db(ENTITIES).where('entity_ref', e.entityRef).update({
      evaluated: row.evaluated,
      score: row.score,
      grade: row.grade,
      level: row.level,
      open_findings: row.open_findings,
      overdue_findings: row.overdue_findings,
      severity_counts: row.severity_counts,
      statuses: row.statuses,
      scorecard: row.scorecard,
      posture_updated_at: row.posture_updated_at,
    });
  }

  async getReport(id: string): Promise<ReportRecord | undefined> {
    const row = await this.#db<ReportRow>(REPORTS).where('id', id).first();
    return row ? reportFromRow(row) : undefined;
  }

  async insertReport(r: ReportRecord): Promise<void> {
    const row: ReportRow = {
      id: r.id,
      source_key: r.sourceKey,
      kind: r.kind,
      scope: r.scope,
      posture: r.posture,
      repository: r.repository ?? null,
      account_id: r.accountId ?? null,
      ref: r.ref ?? null,
      commit: r.commit ?? null,
      base: r.base ?? null,
      scanned_at: r.scannedAt,
      received_at: r.receivedAt,
      submitted_by: r.submittedBy,
      finding_count: r.findingCount,
      error_count: r.errorCount,
      partial: r.partial,
      guardrails: JSON.stringify(r.guardrails),
      entity_refs: JSON.stringify(r.entityRefs),
      claimed: r.claimed,
      body: r.body ?? null,
    };
    await this.#db(REPORTS).insert(row);
  }

  async claimReport(id: string, entityRefs: readonly string[]): Promise<void> {
    await this.#db(REPORTS).where('id', id).update({ claimed: true, entity_refs: JSON.stringify(entityRefs), body: null });
  }

  async listUnclaimed(page: PageRequest): Promise<{ items: ReportRecord[]; total: number }> {
    const base = this.#db<ReportRow>(REPORTS).where('claimed', false);
    const countRow = await base.clone().count<{ n: Num }[]>({ n: '*' }).first();
    const rows = await base
      .clone()
      .select(['id', 'source_key', 'kind', 'scope', 'posture', 'repository', 'account_id', 'ref', 'commit', 'base', 'scanned_at', 'received_at', 'submitted_by', 'finding_count', 'error_count', 'partial', 'guardrails', 'entity_refs', 'claimed'])
      .orderBy([{ column: 'received_at', order: 'desc' }, { column: 'id' }])
      .offset(page.offset)
      .limit(page.limit);
    return { items: (rows as ReportRow[]).map((r) => reportFromRow({ ...r, body: null })), total: countRow ? num(countRow.n) : 0 };
  }

  async unclaimedPostureReports(sourceKey: string): Promise<ReportRecord[]> {
    const rows = await this.#db<ReportRow>(REPORTS)
      .where({ source_key: sourceKey, claimed: false, posture: true })
      .orderBy([{ column: 'scanned_at', order: 'desc' }, { column: 'received_at', order: 'desc' }]);
    return rows.map(reportFromRow);
  }

  async listPullRequests(repository: string, page: PageRequest): Promise<{ items: ReportRecord[]; total: number }> {
    const base = this.#db<ReportRow>(REPORTS).where({ repository: repository.toLowerCase(), posture: false });
    const countRow = await base.clone().count<{ n: Num }[]>({ n: '*' }).first();
    const rows = await base
      .clone()
      .orderBy([{ column: 'received_at', order: 'desc' }, { column: 'id' }])
      .offset(page.offset)
      .limit(page.limit);
    return { items: rows.map((r) => reportFromRow({ ...r, body: null })), total: countRow ? num(countRow.n) : 0 };
  }

  async getSource(entityRef: string, sourceKey: string): Promise<EntitySourceRecord | undefined> {
    const row = await this.#db<SourceRow>(SOURCES).where({ entity_ref: entityRef, source_key: sourceKey }).first();
    return row ? sourceFromRow(row) : undefined;
  }

  async listSources(entityRef: string): Promise<EntitySourceRecord[]> {
    const rows = await this.#db<SourceRow>(SOURCES).where('entity_ref', entityRef).orderBy('source_key');
    return rows.map(sourceFromRow);
  }

  async upsertSource(s: EntitySourceRecord): Promise<void> {
    const row: SourceRow = {
      entity_ref: s.entityRef,
      source_key: s.sourceKey,
      kind: s.kind,
      report_id: s.reportId,
      scanned_at: s.scannedAt,
      received_at: s.receivedAt,
      repository: s.repository ?? null,
      commit: s.commit ?? null,
      ref: s.ref ?? null,
      partial: s.partial,
      error_count: s.errorCount,
      guardrails: JSON.stringify(s.guardrails),
    };
    await this.#db(SOURCES).insert(row).onConflict(['entity_ref', 'source_key']).merge();
  }

  async findingsForApply(entityRef: string, sourceKey: string, fingerprints: readonly string[]): Promise<Map<string, FindingRecord>> {
    const out = new Map<string, FindingRecord>();
    const own = await this.#db<FindingRow>(FINDINGS).where({ entity_ref: entityRef, source_key: sourceKey });
    for (const row of own) out.set(row.fingerprint, findingFromRow(row));
    const missing = fingerprints.filter((fp) => !out.has(fp));
    for (const batch of chunks(missing, 500)) {
      const rows = await this.#db<FindingRow>(FINDINGS).where('entity_ref', entityRef).whereIn('fingerprint', batch);
      for (const row of rows) out.set(row.fingerprint, findingFromRow(row));
    }
    return out;
  }

  async saveFindings(findings: readonly FindingRecord[]): Promise<void> {
    if (findings.length === 0) return;
    if (this.#postgres) {
      // One statement with one JSON parameter: PostgreSQL expands it to rows, far cheaper than thousands of
      // bound parameters (a 10,000-finding report is one round trip per 2,000 rows).
      const columns = Object.keys(findingToRow(findings[0] as FindingRecord));
      const list = columns.map((c) => `"${c}"`).join(', ');
      const updates = columns.filter((c) => c !== 'entity_ref' && c !== 'fingerprint').map((c) => `"${c}" = excluded."${c}"`).join(', ');
      for (const batch of chunks(findings, 2000)) {
        await this.#db.raw(
          `insert into ${FINDINGS} (${list}) select ${list} from json_populate_recordset(null::${FINDINGS}, ?::json)
           on conflict (entity_ref, fingerprint) do update set ${updates}`,
          [JSON.stringify(batch.map(findingToRow))],
        );
      }
      return;
    }
    for (const batch of chunks(findings, 200)) {
      await this.#db(FINDINGS).insert(batch.map(findingToRow)).onConflict(['entity_ref', 'fingerprint']).merge();
    }
  }

  async touchFindings(entityRef: string, fingerprints: readonly string[], seen: { at: number; reportId: string; commit?: string }): Promise<void> {
    const patch: Partial<FindingRow> = { last_seen_at: seen.at, last_report_id: seen.reportId };
    if (seen.commit) patch.commit = seen.commit;
    if (this.#postgres) {
      for (const batch of chunks(fingerprints, 10000)) {
        await this.#db(FINDINGS)
          .where('entity_ref', entityRef)
          .whereRaw('fingerprint in (select json_array_elements_text(?::json))', [JSON.stringify(batch)])
          .update(patch);
      }
      return;
    }
    for (const batch of chunks(fingerprints, 1000)) {
      await this.#db(FINDINGS).where('entity_ref', entityRef).whereIn('fingerprint', batch).update(patch);
    }
  }

  async insertEvents(events: readonly FindingEventRecord[]): Promise<void> {
    const rows = (batch: readonly FindingEventRecord[]) =>
      batch.map((e) => ({
        finding_id: e.findingId,
        at: e.at,
        from_status: e.from ?? null,
        to_status: e.to,
        actor: e.actor,
        reason: e.reason ?? null,
        report_id: e.reportId ?? null,
      }));
    if (this.#postgres) {
      const list = '"finding_id", "at", "from_status", "to_status", "actor", "reason", "report_id"';
      for (const batch of chunks(events, 5000)) {
        await this.#db.raw(`insert into ${EVENTS} (${list}) select ${list} from json_populate_recordset(null::${EVENTS}, ?::json)`, [JSON.stringify(rows(batch))]);
      }
      return;
    }
    for (const batch of chunks(events, 500)) {
      await this.#db(EVENTS).insert(
        batch.map((e) => ({
          finding_id: e.findingId,
          at: e.at,
          from_status: e.from ?? null,
          to_status: e.to,
          actor: e.actor,
          reason: e.reason ?? null,
          report_id: e.reportId ?? null,
        })),
      );
    }
  }

  async activeCounts(entityRef: string): Promise<ActiveCount[]> {
    const rows = await this.#db(FINDINGS)
      .where('entity_ref', entityRef)
      .whereIn('status', ACTIVE_FINDING_STATUSES as FindingStatus[])
      .groupBy(['guardrail', 'severity'])
      .select('guardrail', 'severity')
      .count<{ guardrail: string; severity: string; n: Num }[]>({ n: '*' });
    return rows.map((r) => ({ guardrail: r.guardrail as GuardrailId, severity: r.severity as Severity, count: num(r.n) }));
  }

  async overdueCount(entityRef: string, now: number): Promise<number> {
    const row = await this.#db(FINDINGS)
      .where('entity_ref', entityRef)
      .whereIn('status', ACTIVE_FINDING_STATUSES as FindingStatus[])
      .where('due_at', '<', now)
      .count<{ n: Num }[]>({ n: '*' })
      .first();
    return row ? num(row.n) : 0;
  }

  async listFindings(query: FindingQuery): Promise<{ items: FindingRecord[]; total: number }> {
    if (query.entityRefs.length === 0) return { items: [], total: 0 };
    const base = this.#db<FindingRow>(FINDINGS).whereIn('entity_ref', query.entityRefs);
    if (query.guardrail?.length) base.whereIn('guardrail', query.guardrail);
    if (query.severity?.length) base.whereIn('severity', query.severity);
    if (query.status?.length) base.whereIn('status', query.status);
    if (query.source?.length) base.whereIn('kind', query.source);
    const countRow = await base.clone().count<{ n: Num }[]>({ n: '*' }).first();
    // Most urgent first: active before triaged before fixed, then severity, then the nearest due date.
    const rows = await base
      .clone()
      .orderByRaw(
        `case status when 'open' then 0 when 'reopened' then 0 when 'accepted' then 1 when 'suppressed' then 2 else 3 end,
         case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end,
         case when due_at is null then 1 else 0 end, due_at, first_seen_at, id`,
      )
      .offset(query.offset)
      .limit(query.limit);
    return { items: rows.map(findingFromRow), total: countRow ? num(countRow.n) : 0 };
  }

  async getFinding(id: string): Promise<FindingRecord | undefined> {
    const row = await this.#db<FindingRow>(FINDINGS).where('id', id).first();
    return row ? findingFromRow(row) : undefined;
  }

  async listEvents(findingId: string): Promise<FindingEventRecord[]> {
    const rows = await this.#db<EventRow>(EVENTS).where('finding_id', findingId).orderBy([{ column: 'at' }, { column: 'id' }]);
    return rows.map((r) => {
      const e: FindingEventRecord = { findingId: r.finding_id, at: num(r.at), to: r.to_status as FindingStatus, actor: r.actor };
      if (r.from_status) e.from = r.from_status as FindingStatus;
      if (r.reason) e.reason = r.reason;
      if (r.report_id) e.reportId = r.report_id;
      return e;
    });
  }

  async findingTimings(entityRefs: readonly string[], fixedSince: number): Promise<FindingTiming[]> {
    const out: FindingTiming[] = [];
    for (const batch of chunks(entityRefs, 500)) {
      const rows = await this.#db<FindingRow>(FINDINGS)
        .whereIn('entity_ref', batch)
        .where((w) => {
          void w.whereIn('status', ACTIVE_FINDING_STATUSES as FindingStatus[]).orWhere((x) => {
            void x.where('status', 'fixed').where('fixed_at', '>=', fixedSince);
          });
        })
        .select('status', 'severity', 'first_seen_at', 'due_at', 'fixed_at');
      for (const r of rows) {
        const t: FindingTiming = { status: r.status as FindingStatus, severity: r.severity as Severity, firstSeenAt: num(r.first_seen_at) };
        const due = optNum(r.due_at);
        if (due !== undefined) t.dueAt = due;
        const fixed = optNum(r.fixed_at);
        if (fixed !== undefined) t.fixedAt = fixed;
        out.push(t);
      }
    }
    return out;
  }

  async overdueUnnotified(now: number, limit: number): Promise<FindingRecord[]> {
    const rows = await this.#db<FindingRow>(FINDINGS)
      .whereIn('status', ACTIVE_FINDING_STATUSES as FindingStatus[])
      .where('due_at', '<', now)
      .whereNull('overdue_notified_at')
      .orderBy([{ column: 'entity_ref' }, { column: 'due_at' }])
      .limit(limit);
    return rows.map(findingFromRow);
  }

  async markOverdueNotified(ids: readonly string[], at: number): Promise<void> {
    for (const batch of chunks(ids, 500)) await this.#db(FINDINGS).whereIn('id', batch).update({ overdue_notified_at: at });
  }

  async expiredTriage(now: number, limit: number): Promise<FindingRecord[]> {
    const rows = await this.#db<FindingRow>(FINDINGS)
      .whereIn('status', ['suppressed', 'accepted'])
      .where('inline_suppressed', false)
      .whereNotNull('triage_expires_at')
      .where('triage_expires_at', '<=', now)
      .limit(limit);
    return rows.map(findingFromRow);
  }

  async entitiesWithActiveFindings(): Promise<string[]> {
    const rows = await this.#db(FINDINGS).whereIn('status', ACTIVE_FINDING_STATUSES as FindingStatus[]).distinct('entity_ref').pluck('entity_ref');
    return rows as string[];
  }

  async upsertSnapshots(snapshots: readonly SnapshotRecord[]): Promise<void> {
    for (const batch of chunks(snapshots, 500)) {
      await this.#db(SNAPSHOTS)
        .insert(
          batch.map((s) => ({
            entity_ref: s.entityRef,
            day: s.day,
            score: s.score,
            grade: s.grade,
            level: s.level,
            open_findings: s.openFindings,
            overdue_findings: s.overdueFindings,
            statuses: JSON.stringify(s.statuses),
          })),
        )
        .onConflict(['entity_ref', 'day'])
        .merge();
    }
  }

  async snapshots(entityRefs: readonly string[] | 'all', sinceDay: string): Promise<SnapshotRecord[]> {
    if (entityRefs === 'all') {
      const rows = await this.#db<SnapshotRow>(SNAPSHOTS).where('day', '>=', sinceDay).orderBy([{ column: 'day' }, { column: 'entity_ref' }]);
      return rows.map(snapshotFromRow);
    }
    const out: SnapshotRecord[] = [];
    for (const batch of chunks(entityRefs, 500)) {
      const rows = await this.#db<SnapshotRow>(SNAPSHOTS).whereIn('entity_ref', batch).where('day', '>=', sinceDay);
      out.push(...rows.map(snapshotFromRow));
    }
    return out.sort((a, b) => a.day.localeCompare(b.day) || a.entityRef.localeCompare(b.entityRef));
  }

  async deleteSnapshotsBefore(day: string): Promise<number> {
    return this.#db(SNAPSHOTS).where('day', '<', day).delete();
  }
}
