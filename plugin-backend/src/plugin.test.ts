import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Server } from 'node:http';
import request from 'supertest';
import { ALPHABETS, fakeSecret } from '@pavedroad/guardrails-core';
import guardrailsPlugin from './index';
import { openApiProblems } from './testing/openapi-conformance';
import { fileFinding, makeReport } from './testing/report-fixtures';
import { createTestDatabases } from './testing/test-databases';

// Static tokens generated from seeds: no token-shaped literal in the source.
const CI_TOKEN = fakeSecret('plugin test ci token', ALPHABETS.alnum, 24);
const OTHER_TOKEN = fakeSecret('plugin test other token', ALPHABETS.alnum, 24);

const component = (name: string, slug: string, owner = 'team-payments'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', title: name.replace(/-/g, ' '), annotations: { 'github.com/project-slug': slug } },
  spec: { type: 'service', lifecycle: 'production', owner, system: 'payments' },
});

const ENTITIES = [component('payments-api', 'acme/payments-api'), component('ledger', 'acme/ledger')];

/** Sends a request and checks the answer against openapi.yaml before handing it to the test. */
async function call(server: Server, method: 'get' | 'post' | 'patch', path: string, token?: string, body?: unknown) {
  let req = request(server)[method](`/api/guardrails${path}`);
  if (token) req = req.set('authorization', token.startsWith('Bearer ') ? token : `Bearer ${token}`);
  const res = body === undefined ? await req : await req.send(body as object);
  expect(openApiProblems(method, path, res.status, res.body)).toEqual([]);
  return res;
}

/** Waits for the catalog sync, which the test scheduler runs at startup. */
async function syncCatalog(server: Server, token: string, expected: number) {
  const auth = token.startsWith('Bearer ') ? token : `Bearer ${token}`;
  for (let i = 0; i < 100; i++) {
    const res = await request(server).get('/api/guardrails/scorecards').set('authorization', auth);
    if (res.body.total === expected) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the catalog sync did not run');
}

describe('guardrails backend plugin', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', (id) => {
    it('takes reports from a static-token caller bound to the repository and serves the scorecards', async () => {
      const knex = await databases.init(id);
      const { server } = await startTestBackend({
        features: [
          guardrailsPlugin,
          mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
          authServiceFactory,
          httpAuthServiceFactory,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: ENTITIES }),
          mockServices.rootConfig.factory({
            data: {
              backend: {
                baseUrl: 'http://localhost:7007',
                auth: {
                  externalAccess: [
                    { type: 'static', options: { token: CI_TOKEN, subject: 'guardrails-ci' } },
                    { type: 'static', options: { token: OTHER_TOKEN, subject: 'someone-else' } },
                  ],
                },
              },
              app: { baseUrl: 'http://portal.test' },
              guardrails: { ingest: { maxBodySize: '64kb', bindings: [{ subject: 'guardrails-ci', repositories: ['acme/*'] }] } },
            },
          }),
        ],
      });

      expect((await call(server, 'get', '/health')).body).toEqual({ status: 'ok' });
      await syncCatalog(server, CI_TOKEN, 2);

      const report = makeReport([fileFinding('a'), fileFinding('b', { severity: 'low' })]);
      expect((await call(server, 'post', '/reports', undefined, report)).status).toBe(401);
      expect((await call(server, 'post', '/reports', fakeSecret('plugin test wrong token', ALPHABETS.alnum, 24), report)).status).toBe(401);
      const unbound = await call(server, 'post', '/reports', OTHER_TOKEN, report);
      expect(unbound.status).toBe(403);
      expect(unbound.body.error.message).toContain('someone-else is not bound');

      const bad = await call(server, 'post', '/reports', CI_TOKEN, { ...report, scan: { ...report.scan, scope: 'everything' }, findings: [{ ...fileFinding('a'), guardrail: 'nope' }] });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/scan\.scope: .*findings\.0\.guardrail: /);
      const notJson = await request(server).post('/api/guardrails/reports').set('authorization', `Bearer ${CI_TOKEN}`).set('content-type', 'application/json').send('{"schemaVersion":');
      expect(notJson.status).toBe(400);
      const huge = await call(server, 'post', '/reports', CI_TOKEN, makeReport(Array.from({ length: 200 }, (_, i) => fileFinding(`big-${i}`))));
      expect(huge.status).toBe(413);
      expect(huge.body.error.message).toContain('guardrails.ingest.maxBodySize (64kb)');

      const first = await call(server, 'post', '/reports', CI_TOKEN, report);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ status: 'accepted', entities: ['component:default/payments-api'], posture: true, url: 'http://portal.test/catalog/default/component/payments-api/guardrails' });
      const again = await call(server, 'post', '/reports', CI_TOKEN, report);
      expect(again.status).toBe(200);
      expect(again.body.status).toBe('duplicate');

      const list = await call(server, 'get', '/scorecards?sort=score', CI_TOKEN);
      expect(list.body.total).toBe(2);
      expect(list.body.items.map((s: { entity: { name: string }; evaluated: boolean }) => [s.entity.name, s.evaluated])).toEqual([
        ['payments-api', true],
        ['ledger', false],
      ]);
      expect((await call(server, 'get', '/scorecards?owner=team-payments&level=none', CI_TOKEN)).body.total).toBe(1);
      expect((await call(server, 'get', '/scorecards?level=platinum', CI_TOKEN)).status).toBe(400);

      const card = await call(server, 'get', '/entities/component/default/payments-api/scorecard', CI_TOKEN);
      expect(card.body).toMatchObject({ evaluated: true, openFindings: 2, grade: 'D', entity: { owner: 'group:default/team-payments', repository: 'acme/payments-api' } });
      expect((await call(server, 'get', '/entities/component/default/nothing/scorecard', CI_TOKEN)).status).toBe(404);

      const findings = await call(server, 'get', '/entities/component/default/payments-api/findings?severity=critical', CI_TOKEN);
      expect(findings.body.items).toHaveLength(1);
      const detail = await call(server, 'get', `/findings/${findings.body.items[0].id}`, CI_TOKEN);
      expect(detail.body.events).toEqual([expect.objectContaining({ to: 'open', actor: 'report' })]);
      expect((await call(server, 'get', '/entities/component/default/payments-api/history', CI_TOKEN)).body.items).toHaveLength(1);
      expect((await call(server, 'get', '/entities/component/default/payments-api/pull-requests', CI_TOKEN)).body.total).toBe(0);

      const team = await call(server, 'get', '/teams/default/team-payments', CI_TOKEN);
      expect(team.body).toMatchObject({ openFindings: 2, sla: { onTrack: 1, dueSoon: 1, overdue: 0 } });
      expect(team.body.services.map((s: { entity: { name: string } }) => s.entity.name)).toEqual(['payments-api', 'ledger']);
      const overview = await call(server, 'get', '/overview?days=7', CI_TOKEN);
      expect(overview.body).toMatchObject({ services: 2, evaluated: 1 });
      // A new installation has one day of history: the trend starts at the first snapshot.
      expect(overview.body.trend).toHaveLength(1);

      // A later default-branch report without finding `a` marks it fixed.
      const later = makeReport([fileFinding('b', { severity: 'low' })], { startedAt: '2026-11-21T10:00:00.000Z', commit: 'b'.repeat(40) });
      expect((await call(server, 'post', '/reports', CI_TOKEN, later)).status).toBe(201);
      const fixed = await call(server, 'get', '/entities/component/default/payments-api/findings?status=fixed', CI_TOKEN);
      expect(fixed.body.items.map((f: { fingerprint: string }) => f.fingerprint)).toEqual(['fp-a-0000000000']);

      expect((await call(server, 'get', '/aws/accounts', CI_TOKEN)).body).toEqual({ items: [] });
      expect((await call(server, 'post', '/aws/accounts/123456789012/scan', CI_TOKEN)).status).toBe(400);
      expect((await call(server, 'get', '/reports/unclaimed', CI_TOKEN)).body.total).toBe(0);
    });

    it('lets users with the permission triage findings, audits it, and refuses users without it', async () => {
      const knex = await databases.init(id);
      const sent: unknown[] = [];
      const notifications = createServiceFactory({ service: notificationService, deps: {}, factory: () => ({ send: (n: unknown) => { sent.push(n); return Promise.resolve(); } }) });
      const auditor = mockServices.auditor.mock();
      const start = (permission: AuthorizeResult.ALLOW | AuthorizeResult.DENY) =>
        startTestBackend({
          features: [
            guardrailsPlugin,
            mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
            notifications,
            auditor.factory,
            mockServices.database.factory({ knex }),
            catalogServiceMock.factory({ entities: ENTITIES }),
            mockServices.permissions.factory({ result: permission }),
            mockServices.rootConfig.factory({ data: { guardrails: { ingest: { bindings: [{ subject: 'external:test-service', repositories: ['*'] }] } } } }),
          ],
        });
      const allowed = await start(AuthorizeResult.ALLOW);
      const service = mockCredentials.service.header();
      await syncCatalog(allowed.server, service, 2);
      const user = mockCredentials.user.header('user:default/alice');

      expect((await call(allowed.server, 'post', '/reports', service, makeReport([]))).status).toBe(201);
      await call(allowed.server, 'post', '/reports', service, makeReport([fileFinding('a')], { startedAt: '2026-11-21T10:00:00.000Z' }));
      // The service dropped from gold to none: its owner hears about it once.
      expect(sent).toEqual([expect.objectContaining({ recipients: { type: 'entity', entityRef: 'group:default/team-payments' }, payload: expect.objectContaining({ title: 'payments api dropped from gold to none' }) })]);

      const [finding] = (await call(allowed.server, 'get', '/entities/component/default/payments-api/findings', user)).body.items;
      expect((await call(allowed.server, 'patch', `/findings/${finding.id}`, user, { action: 'suppress' })).status).toBe(400);
      const suppressed = await call(allowed.server, 'patch', `/findings/${finding.id}`, user, { action: 'suppress', reason: 'test key, revoked', expiresAt: '2099-01-01' });
      expect(suppressed.body).toMatchObject({ status: 'suppressed', triage: { by: 'user:default/alice', reason: 'test key, revoked' } });
      expect((await call(allowed.server, 'patch', `/findings/${finding.id}`, user, { action: 'suppress', reason: 'again' })).status).toBe(200);
      expect((await call(allowed.server, 'patch', '/findings/nope', user, { action: 'suppress', reason: 'x' })).status).toBe(404);
      expect(auditor.createEvent).toHaveBeenCalledWith(expect.objectContaining({ eventId: 'finding-triage', meta: expect.objectContaining({ actor: 'user:default/alice', reason: 'test key, revoked', action: 'suppress' }) }));
      await allowed.stop();

      const denied = await start(AuthorizeResult.DENY);
      expect((await call(denied.server, 'get', '/entities/component/default/payments-api/findings', user)).status).toBe(403);
      expect((await call(denied.server, 'patch', `/findings/${finding.id}`, user, { action: 'reopen', reason: 'x' })).status).toBe(403);
      expect((await call(denied.server, 'post', '/reports', service, makeReport([], { startedAt: '2026-11-22T10:00:00.000Z' }))).status).toBe(403);
      // Scores stay readable; the team view leaves out findings the caller may not read.
      expect((await call(denied.server, 'get', '/entities/component/default/payments-api/scorecard', user)).status).toBe(200);
      expect((await call(denied.server, 'get', '/teams/default/team-payments', user)).body.topFindings).toEqual([]);
      await denied.stop();
    });
  });
});
