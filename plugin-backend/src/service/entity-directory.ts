import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EntityRecord } from '../store/entity-record';
import { ZERO_SEVERITY_COUNTS } from '../store/entity-record';
import type { GuardrailsStore } from '../store/guardrails-store';

export const PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';
export const AWS_ACCOUNT_ANNOTATION = 'amazonaws.com/account-id';

const FIELDS = ['kind', 'metadata.namespace', 'metadata.name', 'metadata.title', 'metadata.annotations', 'spec.owner', 'spec.system', 'spec.lifecycle', 'spec.type'];

/** Entity refs are compared case-insensitively in Backstage; the portal stores them in lower case. */
export function normalizeRef(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

function relationRef(value: unknown, defaultKind: string, defaultNamespace: string): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return normalizeRef(stringifyEntityRef(parseEntityRef(value, { defaultKind, defaultNamespace })));
  } catch {
    return undefined;
  }
}

/** `amazonaws.com/account-id` may list several accounts, separated by commas or spaces. */
export function accountsOf(annotation: string | undefined): string[] {
  if (!annotation) return [];
  return [...new Set(annotation.split(/[\s,]+/).filter((a) => /^\d{12}$/.test(a)))];
}

/** The portal's view of a catalog entity that claims a repository or AWS accounts. */
export function entityRecordOf(entity: Entity, syncedAt: number): EntityRecord {
  const namespace = entity.metadata.namespace ?? 'default';
  const annotations = entity.metadata.annotations ?? {};
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const record: EntityRecord = {
    entityRef: normalizeRef(stringifyEntityRef(entity)),
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: namespace.toLocaleLowerCase('en-US'),
    name: entity.metadata.name.toLocaleLowerCase('en-US'),
    inCatalog: true,
    evaluated: false,
    score: null,
    grade: null,
    level: 'none',
    openFindings: 0,
    overdueFindings: 0,
    bySeverity: { ...ZERO_SEVERITY_COUNTS },
    statuses: {},
    syncedAt,
  };
  if (entity.metadata.title) record.title = entity.metadata.title;
  const owner = relationRef(spec.owner, 'group', namespace);
  if (owner) record.owner = owner;
  const system = relationRef(spec.system, 'system', namespace);
  if (system) record.system = system;
  if (typeof spec.lifecycle === 'string') record.lifecycle = spec.lifecycle;
  if (typeof spec.type === 'string') record.type = spec.type;
  const slug = annotations[PROJECT_SLUG_ANNOTATION]?.trim().toLowerCase();
  if (slug) record.repository = slug;
  const accounts = accountsOf(annotations[AWS_ACCOUNT_ANNOTATION]);
  if (accounts.length > 0) record.awsAccounts = accounts;
  return record;
}

/** What a catalog sync found. */
export interface SyncOutcome {
  entities: number;
  /** Source keys (`github:<slug>`, `aws:<account>`) that an entity claims. */
  claimedSources: string[];
}

/**
 * Maps repositories and AWS accounts to catalog entities by the catalog's own annotations. The portal keeps
 * a copy of the annotated entities (synced on a schedule, and looked up on demand when a report names a
 * repository it has not seen), so scorecard lists never wait on the catalog.
 */
export class EntityDirectory {
  constructor(
    private readonly deps: {
      store: GuardrailsStore;
      catalog?: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      clock: () => number;
    },
  ) {}

  async #fetch(filter: Record<string, string | symbol>[]): Promise<Entity[]> {
    const { catalog, auth } = this.deps;
    if (!catalog) return [];
    const credentials = await auth.getOwnServiceCredentials();
    const response = await catalog.getEntities({ filter, fields: FIELDS }, { credentials });
    return response.items;
  }

  /** Entities claiming `repository`; asks the catalog when the portal knows none yet. */
  async entitiesForRepository(repository: string): Promise<string[]> {
    const known = await this.deps.store.entitiesForRepository(repository);
    if (known.length > 0 || !this.deps.catalog) return known;
    try {
      const entities = await this.#fetch([{ [`metadata.annotations.${PROJECT_SLUG_ANNOTATION}`]: repository }]);
      const records = entities.map((e) => entityRecordOf(e, this.deps.clock())).filter((r) => r.repository === repository);
      if (records.length > 0) await this.deps.store.upsertEntities(records);
      return records.map((r) => r.entityRef).sort();
    } catch (error) {
      // The report is kept as unclaimed and applied at the next sync: nothing is lost.
      this.deps.logger.warn(`Could not ask the catalog which entity claims ${repository}: ${String(error)}`);
      return [];
    }
  }

  /**
   * Which of `refs` are catalog entities the portal can file findings under. Live resources name their entity
   * by tag, and that entity need not carry an annotation: unknown refs are looked up in the catalog and kept.
   */
  async knownEntities(refs: readonly string[]): Promise<Set<string>> {
    const known = new Set((await this.deps.store.getEntities(refs)).filter((e) => e.inCatalog).map((e) => e.entityRef));
    const missing = refs.filter((r) => !known.has(r));
    if (missing.length === 0 || !this.deps.catalog) return known;
    try {
      const credentials = await this.deps.auth.getOwnServiceCredentials();
      const { items } = await this.deps.catalog.getEntitiesByRefs({ entityRefs: missing, fields: FIELDS }, { credentials });
      const records = items.flatMap((e) => (e ? [entityRecordOf(e, this.deps.clock())] : []));
      if (records.length > 0) await this.deps.store.upsertEntities(records);
      for (const r of records) known.add(r.entityRef);
    } catch (error) {
      this.deps.logger.warn(`Could not look up ${missing.length} tagged entit${missing.length === 1 ? 'y' : 'ies'} in the catalog: ${String(error)}`);
    }
    return known;
  }

  async entitiesForAccount(accountId: string): Promise<string[]> {
    return this.deps.store.entitiesForAccount(accountId);
  }

  /** Reads every annotated entity from the catalog into the portal. */
  async sync(): Promise<SyncOutcome> {
    const entities = await this.#fetch([
      { [`metadata.annotations.${PROJECT_SLUG_ANNOTATION}`]: CATALOG_FILTER_EXISTS },
      { [`metadata.annotations.${AWS_ACCOUNT_ANNOTATION}`]: CATALOG_FILTER_EXISTS },
    ]);
    const now = this.deps.clock();
    const records = entities.map((e) => entityRecordOf(e, now));
    // Entities that carry no annotation but were given findings by a resource tag stay while the catalog has them.
    const annotated = new Set(records.map((r) => r.entityRef));
    const tagged = (await this.deps.store.listEntities({ evaluatedOnly: true })).map((e) => e.entityRef).filter((ref) => !annotated.has(ref));
    if (tagged.length > 0 && this.deps.catalog) {
      const credentials = await this.deps.auth.getOwnServiceCredentials();
      const { items } = await this.deps.catalog.getEntitiesByRefs({ entityRefs: tagged, fields: FIELDS }, { credentials });
      for (const e of items) if (e) records.push(entityRecordOf(e, now));
    }
    await this.deps.store.transaction(async (tx) => {
      await tx.upsertEntities(records);
      await tx.markEntitiesOutOfCatalog(records.map((r) => r.entityRef));
    });
    const claimed = new Set<string>();
    for (const r of records) {
      if (r.repository) claimed.add(`github:${r.repository}`);
      for (const a of r.awsAccounts ?? []) claimed.add(`aws:${a}`);
    }
    return { entities: records.length, claimedSources: [...claimed].sort() };
  }
}
