import type { Entity } from '@backstage/catalog-model';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { configApiRef } from '@backstage/core-plugin-api';
import { TestApiProvider, mockApis, registerMswTestHooks, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { guardrailsApiRef } from '../../api';
import {
  API,
  codeText,
  imdsFinding,
  keyFinding,
  page,
  paymentsEntity,
  scorecard,
  testClient,
  unannotatedEntity,
} from '../../testing';
import { EntityGuardrailsCard } from './EntityGuardrailsCard';

const server = setupServer();
registerMswTestHooks(server);

const SCORECARD = `${API}/entities/component/default/payments/scorecard`;
const FINDINGS = `${API}/entities/component/default/payments/findings`;

function render(entity: Entity = paymentsEntity) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [guardrailsApiRef, testClient()],
        [configApiRef, mockApis.config({ data: { backend: { baseUrl: 'https://portal.acme.dev' } } })],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityGuardrailsCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityGuardrailsCard', () => {
  it('shows level, grade, score, every guardrail and the most urgent findings, with a link to the tab', async () => {
    let findingsQuery = '';
    server.use(
      http.get(SCORECARD, () => HttpResponse.json(scorecard)),
      http.get(FINDINGS, ({ request }) => {
        findingsQuery = new URL(request.url).search;
        // Served least urgent first: the card ranks them itself.
        return HttpResponse.json(page([keyFinding, imdsFinding], 2));
      }),
    );
    await render();

    expect(await screen.findByLabelText('Paved-road level: Bronze')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Grade C' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Score 78 out of 100' })).toBeInTheDocument();
    expect(screen.getByText(/blocked by EC2 requires IMDSv2, Kubernetes API is private/)).toBeInTheDocument();

    const imds = screen.getByTestId('guardrail-imdsv2-enforced');
    expect(within(imds).getByText('Fail')).toBeInTheDocument();
    expect(within(imds).getByText('1 open finding (worst: high)')).toBeInTheDocument();
    const k8s = screen.getByTestId('guardrail-k8s-api-private');
    expect(within(k8s).getByText('Unknown')).toBeInTheDocument();
    expect(within(k8s).getByText('cluster endpoint set from a variable without a default')).toBeInTheDocument();
    expect(within(screen.getByTestId('guardrail-management-account-clean')).getByText('N/A')).toBeInTheDocument();
    expect(within(screen.getByTestId('guardrail-no-leaked-secrets')).getByText('Pass')).toBeInTheDocument();

    const links = (await screen.findAllByRole('link')).map((a) => [a.textContent, a.getAttribute('href')]);
    // Overdue high first, then the medium one.
    expect(links.slice(0, 2)).toEqual([
      ['EC2 instance allows IMDSv1, Opens in a new window', imdsFinding.link],
      ['Access key older than 90 days, Opens in a new window', keyFinding.link],
    ]);
    expect(screen.getByText('View all findings').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/payments/guardrails',
    );
    expect(findingsQuery).toBe('?status=open&status=reopened&limit=50');
  });

  it('explains how to connect a service without annotations, and calls no API', async () => {
    server.use(http.all(`${API}/*`, () => HttpResponse.error()));
    await render(unannotatedEntity);
    expect(screen.getByText('Connect this service to the paved road')).toBeInTheDocument();
    expect(codeText()).toContain('github.com/project-slug: my-org/my-service');
    expect(codeText()).toContain('portal-url: https://portal.acme.dev');
  });

  it('says the portal has not seen the service when the API answers 404', async () => {
    server.use(
      http.get(SCORECARD, () =>
        HttpResponse.json(
          { error: { name: 'NotFoundError', message: 'unknown entity' }, response: { statusCode: 404 } },
          { status: 404 },
        ),
      ),
      http.get(FINDINGS, () => HttpResponse.json(page([]))),
    );
    await render();
    expect(await screen.findByText('The guardrails portal does not know this service yet')).toBeInTheDocument();
    expect(codeText()).toContain('github.com/project-slug: acme/payments');
  });

  it('asks for a first scan when the service was never evaluated', async () => {
    server.use(
      http.get(SCORECARD, () => HttpResponse.json({ ...scorecard, evaluated: false, score: null, grade: null })),
      http.get(FINDINGS, () => HttpResponse.json(page([]))),
    );
    await render();
    expect(await screen.findByText('No guardrail scan received yet')).toBeInTheDocument();
  });

  it('keeps the score visible when the user may not read findings', async () => {
    server.use(
      http.get(SCORECARD, () => HttpResponse.json(scorecard)),
      http.get(FINDINGS, () =>
        HttpResponse.json(
          { error: { name: 'NotAllowedError', message: 'guardrails.finding.read' }, response: { statusCode: 403 } },
          { status: 403 },
        ),
      ),
    );
    await render();
    expect(await screen.findByText('You do not have permission to see this service’s findings.')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Grade C' })).toBeInTheDocument();
  });

  it('shows the server error when the scorecard cannot be loaded', async () => {
    server.use(
      http.get(SCORECARD, () =>
        HttpResponse.json(
          { error: { name: 'Error', message: 'database unavailable' }, response: { statusCode: 500 } },
          { status: 500 },
        ),
      ),
      http.get(FINDINGS, () => HttpResponse.json(page([]))),
    );
    await render();
    expect((await screen.findAllByText(/database unavailable/)).length).toBeGreaterThan(0);
  });
});
