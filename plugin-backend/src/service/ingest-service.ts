import { NotAllowedError } from '@backstage/errors';
import type { Finding, GuardrailResult, IngestResult, PostureSource } from '@pavedroad/guardrails-core/model';
import type { GuardrailsStore } from '../store/guardrails-store';
import type { ReportRecord } from '../store/report-record';
import type { CallerBinding } from './caller-binding';
import { decideBinding } from './caller-binding';
import type { EntityDirectory } from './entity-directory';
import { applyReport, applyStaleReport } from './lifecycle';
import type { LevelChange } from './posture-service';
import { recomputePosture } from './posture-service';
import { intakeReport } from './report-intake';
import { TextRedactor } from './text-redactor';
import type { LiveScan } from '../aws/live-scan';
import { entityOfTag, splitLiveScan } from '../aws/live-scan-mapping';
import { sha256 } from '@pavedroad/guardrails-core';
import type { SlaPolicy } from './sla';

/** Posture evidence from one source, ready to apply to the entities that claim it. */
export interface PostureUpdate {
  sourceKey: string;
  kind: PostureSource;
  reportId: string;
  scannedAt: number;
  receivedAt: number;
  repository?: string;
  commit?: string;
  ref?: string;
  partial: boolean;
  errorCount: number;
  guardrails: GuardrailResult[];
  findings: readonly Finding[];
  /** Files the scan could not read: their findings are not fixed by being absent. */
  undecidedPaths: ReadonlySet<string>;
}

export interface IngestServiceDeps {
  store: GuardrailsStore;
  directory: EntityDirectory;
  sla: SlaPolicy;
  bindings: readonly CallerBinding[];
  clock: () => number;
  newId: () => string;
  /** The entity page a push is answered with. */
  entityUrl?: (entityRef: string) => string | undefined;
  /** Told after commit about level changes (for notifications). */
  onLevelChanges?: (changes: LevelChange[]) => Promise<void>;
}

/**
 * Files reports: validates, checks the caller's binding to the repository, stores the report once (the same
 * report again is a no-op), and for full-scope default-branch reports moves the lifecycle of every finding of
 * every entity that claims the repository, all in one transaction.
 */
export class IngestService {
  constructor(private readonly deps: IngestServiceDeps) {}

  async ingestReport(body: unknown, caller: { subject: string }): Promise<IngestResult> {
    const intake = intakeReport(body);
    const binding = decideBinding(caller.subject, intake.repository, this.deps.bindings);
    if (!binding.allowed) throw new NotAllowedError(`Not allowed to push reports for ${intake.repository}: ${binding.reason}`);

    const entities = await this.deps.directory.entitiesForRepository(intake.repository);
    const { report } = intake;
    const now = this.deps.clock();
    const record: ReportRecord = {
      id: intake.id,
      sourceKey: intake.sourceKey,
      kind: intake.posture ? 'repo' : 'pr',
      scope: report.scan.scope,
      posture: intake.posture,
      repository: intake.repository,
      scannedAt: intake.scannedAt,
      receivedAt: now,
      submittedBy: caller.subject,
      findingCount: report.findings.length,
      errorCount: report.errors.length,
      partial: report.errors.length > 0 || report.scan.filesSkipped.length > 0,
      guardrails: report.guardrails,
      entityRefs: entities,
      claimed: entities.length > 0,
    };
    if (report.repository?.ref) record.ref = report.repository.ref;
    const commit = report.repository?.commit ?? report.scan.head;
    if (commit) record.commit = commit;
    if (report.scan.base) record.base = report.scan.base;
    if (entities.length === 0) record.body = JSON.stringify(report);

    const updates = intake.posture
      ? entities.map((entityRef) => ({
          entityRef,
          update: this.#updateOf(record, report.findings, report.scan.filesSkipped.map((s) => s.path).concat(report.errors.flatMap((e) => (e.path ? [e.path] : [])))),
        }))
      : [];
    if ((await this.#file(record, updates)) === 'duplicate') {
      const existing = await this.deps.store.getReport(intake.id);
      return this.#result(intake.id, 'duplicate', existing?.entityRefs ?? entities, existing?.posture ?? intake.posture);
    }
    return this.#result(intake.id, 'accepted', entities, intake.posture);
  }

  /**
   * Stores a report once (the same report again is `duplicate`) and applies its posture updates, in one
   * transaction under the source's lock; entities are taken in a stable order so concurrent filings never
   * deadlock. Owners hear of level changes after the commit.
   */
  async #file(record: ReportRecord, updates: { entityRef: string; update: PostureUpdate }[]): Promise<'accepted' | 'duplicate'> {
    const changes: LevelChange[] = [];
    const status = await this.deps.store.transaction(async (tx) => {
      await tx.lock(record.sourceKey);
      if (await tx.getReport(record.id)) return 'duplicate' as const;
      await tx.insertReport(record);
      for (const { entityRef, update } of [...updates].sort((a, b) => a.entityRef.localeCompare(b.entityRef))) {
        changes.push(...(await this.applyToEntities(tx, [entityRef], update, record.receivedAt)));
      }
      return 'accepted' as const;
    });
    if (changes.length > 0) await this.deps.onLevelChanges?.(changes);
    return status;
  }

  /**
   * Files a live AWS scan: findings go to the entity a resource's mapping tag names, or to the entities that
   * claim the account; a scan nobody claims is kept (and listed) until an entity claims the account.
   */
  async ingestLive(raw: LiveScan, tagKeys: readonly string[]): Promise<IngestResult> {
    const redactor = new TextRedactor();
    const scan: LiveScan = { ...raw, findings: raw.findings.map((f) => redactor.finding(f)), errors: raw.errors.map((e) => ({ ...e, message: redactor.text(e.message) })) };
    const sourceKey = `aws:${scan.accountId}`;
    const id = sha256(JSON.stringify({ sourceKey, startedAt: scan.startedAt, findings: scan.findings, guardrails: scan.guardrails }));
    const now = this.deps.clock();
    const accountEntities = await this.deps.directory.entitiesForAccount(scan.accountId);
    const tagRefs = new Set<string>();
    for (const f of scan.findings) for (const key of tagKeys) {
      const v = f.properties?.[`tag:${key}`];
      if (typeof v === 'string') tagRefs.add(v);
    }
    const candidates = [...tagRefs].flatMap((v) => entityOfTag(v) ?? []);
    const known = await this.deps.directory.knownEntities([...new Set(candidates)]);
    const split = splitLiveScan(scan.findings, scan.guardrails, accountEntities, tagKeys, (ref) => known.has(ref));
    const entities = [...split.byEntity.keys()].sort();
    const record: ReportRecord = {
      id,
      sourceKey,
      kind: 'aws',
      scope: 'full',
      posture: true,
      accountId: scan.accountId,
      scannedAt: Date.parse(scan.startedAt),
      receivedAt: now,
      submittedBy: 'guardrails-aws-scan',
      findingCount: scan.findings.length,
      errorCount: scan.errors.length,
      partial: scan.partial,
      guardrails: scan.guardrails,
      entityRefs: entities,
      claimed: accountEntities.length > 0,
    };
    if (accountEntities.length === 0) record.body = JSON.stringify({ findings: split.unmapped, scan: { filesSkipped: [] }, errors: [] });

    const updates = [...split.byEntity].map(([entityRef, part]) => ({ entityRef, update: this.#updateOf({ ...record, guardrails: part.guardrails }, part.findings, []) }));
    return this.#result(id, await this.#file(record, updates), entities, true);
  }

  #updateOf(record: ReportRecord, findings: readonly Finding[], undecidedPaths: string[]): PostureUpdate {
    const update: PostureUpdate = {
      sourceKey: record.sourceKey,
      kind: record.kind === 'aws' ? 'aws' : 'repo',
      reportId: record.id,
      scannedAt: record.scannedAt,
      receivedAt: record.receivedAt,
      partial: record.partial,
      errorCount: record.errorCount,
      guardrails: record.guardrails,
      findings,
      undecidedPaths: new Set(undecidedPaths),
    };
    if (record.repository) update.repository = record.repository;
    if (record.commit) update.commit = record.commit;
    if (record.ref) update.ref = record.ref;
    return update;
  }

  #result(id: string, status: IngestResult['status'], entities: string[], posture: boolean): IngestResult {
    const result: IngestResult = { id, status, entities, posture };
    const url = entities[0] ? this.deps.entityUrl?.(entities[0]) : undefined;
    if (url) result.url = url;
    return result;
  }

  /**
   * Applies posture evidence to each entity (locked in a stable order), unless the entity already has newer
   * evidence from the same source: reports that arrive out of order never roll a service back.
   */
  async applyToEntities(tx: GuardrailsStore, entityRefs: readonly string[], update: PostureUpdate, now: number): Promise<LevelChange[]> {
    const changes: LevelChange[] = [];
    const undecidedGuardrails = new Set<string>(update.guardrails.filter((g) => g.status === 'unknown').map((g) => g.id));
    for (const entityRef of [...entityRefs].sort()) {
      await tx.lock(`entity:${entityRef}`);
      const current = await tx.getSource(entityRef, update.sourceKey);
      const stale = current !== undefined && current.scannedAt > update.scannedAt;
      const existing = await tx.findingsForApply(entityRef, update.sourceKey, update.findings.map((f) => f.fingerprint));
      const input: Parameters<typeof applyReport>[0] = {
        entityRef,
        sourceKey: update.sourceKey,
        kind: update.kind,
        reportId: update.reportId,
        now,
        sla: this.deps.sla,
        findings: update.findings,
        existing,
        undecidedGuardrails,
        undecidedPaths: update.undecidedPaths,
        newId: this.deps.newId,
      };
      if (update.repository) input.repository = update.repository;
      if (update.commit) input.commit = update.commit;
      if (stale) {
        const history = applyStaleReport(input);
        await tx.saveFindings(history.seen);
        await tx.insertEvents(history.events);
        continue;
      }
      const outcome = applyReport(input);
      await tx.saveFindings([...outcome.seen, ...outcome.fixed]);
      await tx.touchFindings(
        entityRef,
        outcome.touched.map((f) => f.fingerprint),
        { at: now, reportId: update.reportId, ...(update.commit ? { commit: update.commit } : {}) },
      );
      await tx.insertEvents(outcome.events);
      const source: Parameters<GuardrailsStore['upsertSource']>[0] = {
        entityRef,
        sourceKey: update.sourceKey,
        kind: update.kind,
        reportId: update.reportId,
        scannedAt: update.scannedAt,
        receivedAt: update.receivedAt,
        partial: update.partial,
        errorCount: update.errorCount,
        guardrails: update.guardrails,
      };
      if (update.repository) source.repository = update.repository;
      if (update.commit) source.commit = update.commit;
      if (update.ref) source.ref = update.ref;
      await tx.upsertSource(source);
      const change = await recomputePosture(tx, entityRef, now);
      if (change) changes.push(change);
    }
    return changes;
  }

  /**
   * Applies the newest unclaimed posture report of a source once an entity claims it (after a catalog sync),
   * so reports pushed before the catalog knew the repository are not lost.
   */
  async applyUnclaimed(sourceKey: string): Promise<number> {
    const entities = sourceKey.startsWith('github:')
      ? await this.deps.store.entitiesForRepository(sourceKey.slice('github:'.length))
      : await this.deps.store.entitiesForAccount(sourceKey.slice('aws:'.length));
    if (entities.length === 0) return 0;
    const changes: LevelChange[] = [];
    const applied = await this.deps.store.transaction(async (tx) => {
      await tx.lock(sourceKey);
      const reports = await tx.unclaimedPostureReports(sourceKey);
      const newest = reports[0];
      if (newest?.body) {
        const { findings, scan, errors } = JSON.parse(newest.body) as { findings: Finding[]; scan: { filesSkipped: { path: string }[] }; errors: { path?: string }[] };
        const undecided = scan.filesSkipped.map((s) => s.path).concat(errors.flatMap((e) => (e.path ? [e.path] : [])));
        changes.push(...(await this.applyToEntities(tx, entities, this.#updateOf(newest, findings, undecided), this.deps.clock())));
      }
      for (const r of reports) await tx.claimReport(r.id, entities);
      return reports.length;
    });
    if (changes.length > 0) await this.deps.onLevelChanges?.(changes);
    return applied;
  }
}
