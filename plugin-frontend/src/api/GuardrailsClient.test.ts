import { registerMswTestHooks } from '@backstage/test-utils';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { API, page, scorecard, testClient } from '../testing';

const server = setupServer();
registerMswTestHooks(server);

/** Records the URL of every request to the guardrails API and answers with `body`. */
function recordRequests(body: unknown) {
  const urls: URL[] = [];
  server.use(
    http.all(`${API}/*`, ({ request }) => {
      urls.push(new URL(request.url));
      return HttpResponse.json(body as Record<string, unknown>);
    }),
  );
  return urls;
}

describe('GuardrailsClient', () => {
  it('repeats list filters and leaves out empty ones in the scorecards query', async () => {
    const urls = recordRequests(page([]));
    await testClient().listScorecards({
      owner: ['group:default/team-a', 'group:default/team-b'],
      level: ['gold'],
      system: undefined,
      q: '',
      sort: '-score',
      offset: 25,
      limit: 25,
    });
    expect(urls[0]?.pathname).toBe('/api/guardrails/scorecards');
    expect(urls[0]?.searchParams.getAll('owner')).toEqual(['group:default/team-a', 'group:default/team-b']);
    expect(urls[0]?.search).toBe(
      '?owner=group%3Adefault%2Fteam-a&owner=group%3Adefault%2Fteam-b&level=gold&sort=-score&offset=25&limit=25',
    );
  });

  it('addresses an entity by its lowercased, encoded kind, namespace and name', async () => {
    const urls = recordRequests(scorecard);
    await testClient().getEntityScorecard('Component:Default/Payments API');
    await testClient().getEntityScorecard({ kind: 'Resource', namespace: 'ops', name: 'vpc' });
    expect(urls.map((u) => u.pathname)).toEqual([
      '/api/guardrails/entities/component/default/payments%20api/scorecard',
      '/api/guardrails/entities/resource/ops/vpc/scorecard',
    ]);
  });

  it('sends findings filters and reads the history items', async () => {
    const urls = recordRequests({ items: [{ day: '2026-11-27' }], total: 0, offset: 0, limit: 0 });
    await testClient().listFindings('component:default/payments', {
      guardrail: ['imdsv2-enforced'],
      severity: ['critical', 'high'],
      status: ['open', 'reopened'],
      source: ['aws'],
      limit: 10,
    });
    const points = await testClient().getScoreHistory('component:default/payments', { days: 30 });
    expect(urls[0]?.search).toBe(
      '?guardrail=imdsv2-enforced&severity=critical&severity=high&status=open&status=reopened&source=aws&limit=10',
    );
    expect(urls[1]?.pathname).toBe('/api/guardrails/entities/component/default/payments/history');
    expect(urls[1]?.search).toBe('?days=30');
    expect(points).toEqual([{ day: '2026-11-27' }]);
  });

  it('addresses a team by namespace and name, defaulting a bare name to the default namespace', async () => {
    const urls = recordRequests({});
    await testClient().getTeamRemediation('group:platform/sre', { days: 90 });
    await testClient().getTeamRemediation('team-a');
    expect(urls.map((u) => `${u.pathname}${u.search}`)).toEqual([
      '/api/guardrails/teams/platform/sre?days=90',
      '/api/guardrails/teams/default/team-a',
    ]);
  });

  it('PATCHes a triage request as JSON', async () => {
    let received: { method: string; contentType: string | null; body: unknown } | undefined;
    server.use(
      http.patch(`${API}/findings/:id`, async ({ request, params }) => {
        received = { method: request.method, contentType: request.headers.get('content-type'), body: await request.json() };
        return HttpResponse.json({ id: params.id, status: 'accepted' });
      }),
    );
    const result = await testClient().triageFinding('f/1', {
      action: 'accept-risk',
      reason: 'vendor fix due in Q1',
      expiresAt: '2027-03-31',
    });
    expect(received).toEqual({
      method: 'PATCH',
      contentType: 'application/json',
      body: { action: 'accept-risk', reason: 'vendor fix due in Q1', expiresAt: '2027-03-31' },
    });
    expect(result).toEqual({ id: 'f/1', status: 'accepted' });
  });

  it('rejects with a ResponseError carrying the status and the backend message', async () => {
    server.use(
      http.get(`${API}/entities/component/default/ghost/scorecard`, () =>
        HttpResponse.json(
          { error: { name: 'NotFoundError', message: 'No entity component:default/ghost' }, response: { statusCode: 404 } },
          { status: 404 },
        ),
      ),
    );
    await expect(testClient().getEntityScorecard('component:default/ghost')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      body: { error: { name: 'NotFoundError', message: 'No entity component:default/ghost' } },
      cause: { name: 'NotFoundError', message: 'No entity component:default/ghost' },
    });
  });

  it('reads the overview, unclaimed reports and pull requests from their routes', async () => {
    const urls = recordRequests(page([]));
    const client = testClient();
    await client.getOverview({ days: 90 });
    await client.listUnclaimedReports({ limit: 5 });
    await client.listPullRequests('component:default/payments', { offset: 0, limit: 20 });
    await client.getFinding('f-1');
    expect(urls.map((u) => `${u.pathname}${u.search}`)).toEqual([
      '/api/guardrails/overview?days=90',
      '/api/guardrails/reports/unclaimed?limit=5',
      '/api/guardrails/entities/component/default/payments/pull-requests?offset=0&limit=20',
      '/api/guardrails/findings/f-1',
    ]);
  });
});
