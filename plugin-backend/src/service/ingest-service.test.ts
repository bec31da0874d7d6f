import type { Knex } from 'knex';
import { fakeSecret } from '@pavedroad/guardrails-core';
import { createTestDatabases, migratedKnex } from '../testing/test-databases';
import { DAY, T0, entity, serviceHarness } from '../testing/service-harness';
import { fileFinding, makeReport } from '../testing/report-fixtures';

const CI = { subject: 'guardrails-ci' };

describe('ingestion and finding lifecycle', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', (id) => {
    let knex: Knex;
    let h: ReturnType<typeof serviceHarness>;

    beforeEach(async () => {
      knex = await migratedKnex(databases, id);
      h = serviceHarness(knex);
      await h.store.upsertEntities([entity('payments-api')]);
    });

    const statuses = async () =>
      Object.fromEntries((await h.store.listFindings({ entityRefs: ['component:default/payments-api'], offset: 0, limit: 100 })).items.map((f) => [f.fingerprint, f.status]));

    it('opens new findings with due dates from the severity SLA and scores the service', async () => {
      const result = await h.ingest.ingestReport(makeReport([fileFinding('a'), fileFinding('b', { severity: 'medium', guardrail: 'ci-hardened', ruleId: 'ci-unpinned-action' })]), CI);
      expect(result).toMatchObject({ status: 'accepted', entities: ['component:default/payments-api'], posture: true, url: 'http://portal.test/catalog/component:default/payments-api' });

      const page = await h.scorecards.findings({ entityRefs: ['component:default/payments-api'], offset: 0, limit: 10 });
      expect(page.total).toBe(2);
      const [critical, medium] = page.items;
      expect(critical).toMatchObject({ status: 'open', severity: 'critical', dueAt: new Date(T0 + 7 * DAY).toISOString(), overdue: false, ageDays: 0 });
      expect(critical?.link).toBe(`https://github.com/acme/payments-api/blob/${'a'.repeat(40)}/src/a.ts#L3`);
      expect(medium).toMatchObject({ status: 'open', severity: 'medium', dueAt: new Date(T0 + 90 * DAY).toISOString() });

      const card = await h.scorecards.entityScorecard('component:default/payments-api');
      expect(card).toMatchObject({ evaluated: true, level: 'none', grade: 'D', openFindings: 2, bySeverity: { critical: 1, medium: 1 } });
      expect(card.statuses['no-leaked-secrets']).toBe('fail');
      expect(card.statuses['imdsv2-enforced']).toBe('pass');
      expect(card.sources).toEqual([expect.objectContaining({ sourceKey: 'github:acme/payments-api', source: 'repo', partial: false })]);
      expect(card.guardrails.find((g) => g.id === 'no-leaked-secrets')?.evidence[0]).toMatchObject({ status: 'fail', findings: 1, sourceKey: 'github:acme/payments-api' });
    });

    it('treats the same report pushed twice as one: nothing changes the second time', async () => {
      const report = makeReport([fileFinding('a')]);
      await h.ingest.ingestReport(report, CI);
      const events = await knex('guardrails_finding_events').count<{ n: number | string }[]>({ n: '*' });
      h.clock.now += DAY;
      const again = await h.ingest.ingestReport(structuredClone(report), CI);
      expect(again.status).toBe('duplicate');
      expect(await knex('guardrails_finding_events').count<{ n: number | string }[]>({ n: '*' })).toEqual(events);
      expect(Number((await knex('guardrails_reports').count<{ n: number }[]>({ n: '*' }))[0]?.n)).toBe(1);
      const [finding] = (await h.store.listFindings({ entityRefs: ['component:default/payments-api'], offset: 0, limit: 1 })).items;
      expect(finding?.lastSeenAt).toBe(T0);
    });

    it('marks a finding fixed when a later full report no longer has it, and reopens it when it comes back', async () => {
      await h.ingest.ingestReport(makeReport([fileFinding('a'), fileFinding('b')], { commit: '1'.repeat(40) }), CI);
      h.clock.now = T0 + 3 * DAY;
      await h.ingest.ingestReport(makeReport([fileFinding('b')], { commit: '2'.repeat(40), startedAt: '2026-11-23T10:00:00.000Z' }), CI);
      expect(await statuses()).toEqual({ 'fp-a-0000000000': 'fixed', 'fp-b-0000000000': 'open' });
      const fixed = (await h.store.listFindings({ entityRefs: ['component:default/payments-api'], status: ['fixed'], offset: 0, limit: 1 })).items[0];
      expect(fixed?.fixedAt).toBe(T0 + 3 * DAY);

      h.clock.now = T0 + 5 * DAY;
      await h.ingest.ingestReport(makeReport([fileFinding('a'), fileFinding('b')], { commit: '3'.repeat(40), startedAt: '2026-11-25T10:00:00.000Z' }), CI);
      expect(await statuses()).toEqual({ 'fp-a-0000000000': 'reopened', 'fp-b-0000000000': 'open' });
      const detail = await h.scorecards.finding(fixed?.id ?? '');
      expect(detail.events.map((e) => [e.from ?? null, e.to])).toEqual([
        [null, 'open'],
        ['open', 'fixed'],
        ['fixed', 'reopened'],
      ]);
      // Reopening keeps the first-seen date and the original due date: a regression does not reset the clock.
      expect(detail.firstSeenAt).toBe(new Date(T0).toISOString());
      expect(detail.dueAt).toBe(new Date(T0 + 7 * DAY).toISOString());
    });

    it('never fixes findings of a guardrail the later scan could not decide, nor of files it could not read', async () => {
      await h.ingest.ingestReport(makeReport([fileFinding('a'), fileFinding('iac', { guardrail: 'imdsv2-enforced', ruleId: 'ec2-imdsv2-required', severity: 'high' })]), CI);
      const later = makeReport([], { startedAt: '2026-11-21T10:00:00.000Z', unknown: ['imdsv2-enforced'] });
      later.scan.filesSkipped = [{ path: 'src/a.ts', reason: 'binary' }];
      await h.ingest.ingestReport(later, CI);
      expect(await statuses()).toEqual({ 'fp-a-0000000000': 'open', 'fp-iac-0000000000': 'open' });
      const card = await h.scorecards.entityScorecard('component:default/payments-api');
      expect(card.sources[0]?.partial).toBe(true);
    });

    it('keeps pull-request reports as PR results without touching posture', async () => {
      await h.ingest.ingestReport(makeReport([]), CI);
      const before = await h.scorecards.entityScorecard('component:default/payments-api');
      const pr = await h.ingest.ingestReport(makeReport([fileFinding('new')], { scope: 'diff', ref: 'refs/pull/7/merge', startedAt: '2026-11-21T10:00:00.000Z' }), CI);
      expect(pr).toMatchObject({ status: 'accepted', posture: false });
      const after = await h.scorecards.entityScorecard('component:default/payments-api');
      expect(after.score).toBe(before.score);
      expect(after.openFindings).toBe(0);
      const prs = await h.scorecards.pullRequests('component:default/payments-api', { offset: 0, limit: 10 });
      expect(prs.items).toEqual([expect.objectContaining({ ref: 'refs/pull/7/merge', findings: 1 })]);
      // A full scan of a feature branch is not the default branch either.
      const branch = await h.ingest.ingestReport(makeReport([fileFinding('x')], { ref: 'refs/heads/feature', startedAt: '2026-11-21T11:00:00.000Z' }), CI);
      expect(branch.posture).toBe(false);
    });

    it('keeps reports nobody claims, lists them, and applies them when an entity claims the repository', async () => {
      const result = await h.ingest.ingestReport(makeReport([fileFinding('a')], { slug: 'acme/orphan' }), CI);
      expect(result).toMatchObject({ status: 'accepted', entities: [] });
      expect((await h.scorecards.unclaimed({ offset: 0, limit: 10 })).items).toEqual([expect.objectContaining({ repository: 'acme/orphan', findings: 1, scope: 'full' })]);

      await h.store.upsertEntities([entity('orphan')]);
      expect(await h.ingest.applyUnclaimed('github:acme/orphan')).toBe(1);
      expect((await h.scorecards.unclaimed({ offset: 0, limit: 10 })).total).toBe(0);
      const card = await h.scorecards.entityScorecard('component:default/orphan');
      expect(card).toMatchObject({ evaluated: true, openFindings: 1 });
    });

    it('never rolls a service back when an older report arrives after a newer one', async () => {
      await h.ingest.ingestReport(makeReport([], { startedAt: '2026-11-22T10:00:00.000Z' }), CI);
      const older = await h.ingest.ingestReport(makeReport([fileFinding('a')], { startedAt: '2026-11-21T10:00:00.000Z' }), CI);
      expect(older.status).toBe('accepted');
      // Its finding is kept as history (the newer scan did not have it), and the service stays clean.
      expect(await statuses()).toEqual({ 'fp-a-0000000000': 'fixed' });
      expect((await h.scorecards.entityScorecard('component:default/payments-api')).openFindings).toBe(0);
    });

    it('follows inline suppressions in the code', async () => {
      await h.ingest.ingestReport(makeReport([fileFinding('a', { suppression: { kind: 'inline', reason: 'test fixture' } })]), CI);
      expect(await statuses()).toEqual({ 'fp-a-0000000000': 'suppressed' });
      expect((await h.scorecards.entityScorecard('component:default/payments-api')).statuses['no-leaked-secrets']).toBe('pass');
      await h.ingest.ingestReport(makeReport([fileFinding('a')], { startedAt: '2026-11-21T10:00:00.000Z' }), CI);
      expect(await statuses()).toEqual({ 'fp-a-0000000000': 'open' });
    });

    it('lets a user suppress, accept a risk until a date, and reopen; the score follows and expiry reopens', async () => {
      await h.ingest.ingestReport(makeReport([fileFinding('a')]), CI);
      const [f] = (await h.store.listFindings({ entityRefs: ['component:default/payments-api'], offset: 0, limit: 1 })).items;
      const id = f?.id ?? '';
      const before = await h.scorecards.entityScorecard('component:default/payments-api');

      await expect(h.triage.triage(id, { action: 'accept-risk', reason: 'vendor fix pending' }, 'user:default/alice')).rejects.toThrow('an accepted risk needs an expiry date');
      await expect(h.triage.triage(id, { action: 'suppress', reason: '' }, 'user:default/alice')).rejects.toThrow('reason: a reason is required');
      await expect(h.triage.triage(id, { action: 'reopen', reason: 'x' }, 'user:default/alice')).rejects.toThrow('only suppressed or accepted findings can be reopened');

      const accepted = await h.triage.triage(id, { action: 'accept-risk', reason: 'vendor fix pending', expiresAt: '2026-11-25' }, 'user:default/alice');
      expect(accepted.view).toMatchObject({ status: 'accepted', triage: { reason: 'vendor fix pending', by: 'user:default/alice', expiresAt: '2026-11-25T00:00:00.000Z' } });
      const after = await h.scorecards.entityScorecard('component:default/payments-api');
      expect(after.statuses['no-leaked-secrets']).toBe('pass');
      expect(after.score ?? 0).toBeGreaterThan(before.score ?? 0);

      h.clock.now = Date.parse('2026-11-26T00:00:00.000Z');
      expect(await h.triage.expire()).toBe(1);
      const detail = await h.scorecards.finding(id);
      expect(detail.status).toBe('reopened');
      expect(detail.events.at(-1)).toMatchObject({ from: 'accepted', to: 'reopened', actor: 'expiry' });
    });

    it('refuses unbound callers and bad reports with the field that is wrong', async () => {
      await expect(h.ingest.ingestReport(makeReport([], { slug: 'other/repo' }), CI)).rejects.toThrow('caller guardrails-ci is not bound to other/repo');
      await expect(h.ingest.ingestReport(makeReport([]), { subject: 'external:github:repo:acme/web:ref:refs/heads/main' })).rejects.toThrow('the GitHub OIDC token is for acme/web');
      const bad = { ...makeReport([fileFinding('a')]), findings: [{ ...fileFinding('a'), severity: 'urgent' }] };
      await expect(h.ingest.ingestReport(bad, CI)).rejects.toThrow(/findings\.0\.severity/);
      await expect(h.ingest.ingestReport('not a report', CI)).rejects.toThrow('Invalid report: (body)');
    });

    it('never stores a raw secret even when a client sends one', async () => {
      const canary = `AKIA${fakeSecret('ingest-canary', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
      const leaky = fileFinding('a', { message: `key ${canary} found`, evidence: canary, title: `leak ${canary}` });
      await h.ingest.ingestReport(makeReport([leaky], { slug: 'acme/payments-api' }), CI);
      await h.ingest.ingestReport(makeReport([leaky], { slug: 'acme/unclaimed', startedAt: '2026-11-21T10:00:00.000Z' }), CI);
      for (const table of ['guardrails_findings', 'guardrails_reports', 'guardrails_finding_events', 'guardrails_entities', 'guardrails_entity_sources']) {
        const rows = await knex(table).select();
        expect(JSON.stringify(rows)).not.toContain(canary);
      }
      const [f] = (await h.scorecards.findings({ entityRefs: ['component:default/payments-api'], offset: 0, limit: 1 })).items;
      expect(f?.evidence).toMatch(/^\[AKIA…\(20 chars\)\]$/);
    });
  });
});
