import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, registerMswTestHooks, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { guardrailsApiRef } from '../../api';
import { API, imdsFinding, team, teamEntity, testClient } from '../../testing';
import { EntityTeamRemediationContent } from '../EntityTeamRemediationContent';

const server = setupServer();
registerMswTestHooks(server);

function render() {
  return renderInTestApp(
    <TestApiProvider apis={[[guardrailsApiRef, testClient()]]}>
      <EntityProvider entity={teamEntity}>
        <EntityTeamRemediationContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('team remediation', () => {
  it('shows open and overdue, SLA, aging, burn-down, services by risk and what to fix first for a Group', async () => {
    let query = '';
    server.use(
      http.get(`${API}/teams/default/team-a`, ({ request }) => {
        query = new URL(request.url).search;
        return HttpResponse.json(team);
      }),
    );
    await render();

    expect(await screen.findByText('Remediation: Team A')).toBeInTheDocument();
    expect(query).toBe('?days=90');
    expect(screen.getByText('Mean time to remediate').closest('div')).toHaveTextContent('9 d');
    expect(screen.getByText('Fixed in 30 days').closest('div')).toHaveTextContent('3');

    expect(screen.getByText('SLA status')).toBeInTheDocument();
    expect(screen.getByText('On track:')).toHaveTextContent('On track: 1');
    expect(screen.getByText('Due within 7 days:')).toHaveTextContent('Due within 7 days: 0');
    expect(screen.getByText('Overdue:')).toHaveTextContent('Overdue: 1');
    expect(screen.getByRole('rowheader', { name: '31-90' }).closest('tr')).toHaveTextContent('31-901');

    expect(
      screen.getByText('Open findings went from 5 on 2026-11-25 to 2 on 2026-11-27; 1 overdue now.'),
    ).toBeInTheDocument();

    const service = screen.getByRole('link', { name: 'Payments' });
    expect(service).toHaveAttribute('href', '/catalog/default/component/payments');
    const first = screen.getByRole('link', { name: /EC2 instance allows IMDSv1/ }).closest('tr')!;
    expect(first).toHaveTextContent(/Overdue ·/);
    expect(within(first).getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual([
      imdsFinding.link,
      '/catalog/default/component/payments',
    ]);
    expect(screen.getByText('Fix first')).toBeInTheDocument();
  });

  it('shows the error when the team cannot be loaded', async () => {
    server.use(
      http.get(`${API}/teams/default/team-a`, () =>
        HttpResponse.json(
          { error: { name: 'NotFoundError', message: 'no group team-a' }, response: { statusCode: 404 } },
          { status: 404 },
        ),
      ),
    );
    await render();
    expect((await screen.findAllByText(/no group team-a/)).length).toBeGreaterThan(0);
  });
});
