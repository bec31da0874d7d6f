import { mockServices } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { EntityDirectory } from '../service/entity-directory';
import { IngestService } from '../service/ingest-service';
import { ScorecardService } from '../service/scorecard-service';
import { DEFAULT_SLA } from '../service/sla';
import { TriageService } from '../service/triage-service';
import { ZERO_SEVERITY_COUNTS } from '../store/entity-record';
import type { EntityRecord } from '../store/entity-record';
import { KnexGuardrailsStore } from '../store/knex-guardrails-store';

export const DAY = 86_400_000;
export const T0 = Date.parse('2026-11-20T12:00:00.000Z');

/** The services on a real database, with a clock the test moves. */
export function serviceHarness(knex: Knex) {
  const clock = { now: T0 };
  let ids = 0;
  const store = new KnexGuardrailsStore(knex);
  const logger = mockServices.logger.mock();
  const directory = new EntityDirectory({ store, auth: mockServices.auth(), logger, clock: () => clock.now });
  const ingest = new IngestService({
    store,
    directory,
    sla: DEFAULT_SLA,
    bindings: [{ subject: 'guardrails-ci', repositories: ['acme/*'] }],
    clock: () => clock.now,
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    entityUrl: (ref) => `http://portal.test/catalog/${ref}`,
  });
  const scorecards = new ScorecardService({ store, clock: () => clock.now, sourceBaseUrl: 'https://github.com' });
  const triage = new TriageService({ store, clock: () => clock.now, sourceBaseUrl: 'https://github.com' });
  return { clock, store, ingest, scorecards, triage, directory };
}

export function entity(name: string, overrides: Partial<EntityRecord> = {}): EntityRecord {
  return {
    entityRef: `component:default/${name}`,
    kind: 'component',
    namespace: 'default',
    name,
    owner: 'group:default/team-payments',
    system: 'system:default/payments',
    lifecycle: 'production',
    type: 'service',
    repository: `acme/${name}`,
    inCatalog: true,
    evaluated: false,
    score: null,
    grade: null,
    level: 'none',
    openFindings: 0,
    overdueFindings: 0,
    bySeverity: { ...ZERO_SEVERITY_COUNTS },
    statuses: {},
    syncedAt: T0,
    ...overrides,
  };
}
