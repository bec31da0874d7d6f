import { fileFinding, makeReport } from '../testing/report-fixtures';
import { entity, serviceHarness } from '../testing/service-harness';
import { createTestDatabases, migratedKnex } from '../testing/test-databases';

const CI = { subject: 'guardrails-ci' };

describe('concurrent ingestion', () => {
  const databases = createTestDatabases();
  const postgres = databases.eachSupportedId().filter(([id]) => id.startsWith('POSTGRES'));
  const ids = postgres.length > 0 ? postgres : databases.eachSupportedId();

  it.each(ids)('files 20 overlapping reports at once with no duplicate, no lost finding and the newest state winning on %p', async (id) => {
    const knex = await migratedKnex(databases, id);
    const h = serviceHarness(knex);
    await h.store.upsertEntities([entity('payments-api'), entity('ledger', { repository: 'acme/payments-api' })]);

    // Report i has findings i..i+9 (each overlaps the next nine); reports 0 and 1 are also sent twice.
    const reports = Array.from({ length: 20 }, (_, i) =>
      makeReport(
        Array.from({ length: 10 }, (_, k) => fileFinding(`f${i + k}`)),
        { startedAt: new Date(Date.UTC(2026, 10, 20, 10, i)).toISOString(), commit: String(i % 10).repeat(40) },
      ),
    );
    const batch = [...reports, reports[0], reports[1]].map((r) => h.ingest.ingestReport(structuredClone(r), CI));
    const results = await Promise.all(batch);

    expect(results.filter((r) => r.status === 'accepted')).toHaveLength(20);
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(2);
    expect(Number((await knex('guardrails_reports').count<{ n: string }[]>({ n: '*' }))[0]?.n)).toBe(20);

    for (const ref of ['component:default/payments-api', 'component:default/ledger']) {
      const rows = await knex('guardrails_findings').where('entity_ref', ref).select('fingerprint', 'status');
      // Every fingerprint ever reported is there exactly once.
      expect(rows).toHaveLength(29);
      expect(new Set(rows.map((r: { fingerprint: string }) => r.fingerprint)).size).toBe(29);
      // The newest scan (report 19: f19..f28) decides what is open; everything older is fixed.
      const open = rows.filter((r: { status: string }) => r.status === 'open' || r.status === 'reopened').map((r: { fingerprint: string }) => r.fingerprint).sort();
      expect(open).toEqual(Array.from({ length: 10 }, (_, k) => `fp-f${19 + k}-0000000000`).sort());
      expect(rows.filter((r: { status: string }) => r.status === 'fixed')).toHaveLength(19);
      const card = await h.scorecards.entityScorecard(ref);
      expect(card.openFindings).toBe(10);
      expect(card.sources[0]?.commit).toBe('9'.repeat(40));
    }
  }, 60_000);
});
