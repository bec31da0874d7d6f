import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, registerMswTestHooks, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { Route, Routes } from 'react-router-dom';
import { guardrailsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { API, overview, page, summary, team, testClient, unclaimed, unscannedSummary } from '../../testing';
import { GuardrailsPage } from './GuardrailsPage';

jest.setTimeout(120_000);

const server = setupServer();
registerMswTestHooks(server);

/** Serves the overview's routes; returns the search strings of the table's scorecards requests. */
function serve() {
  const tableQueries: string[] = [];
  server.use(
    http.get(`${API}/overview`, () => HttpResponse.json(overview)),
    http.get(`${API}/reports/unclaimed`, () => HttpResponse.json(page([unclaimed], 3, 0, 5))),
    http.get(`${API}/scorecards`, ({ request }) => {
      const search = new URL(request.url).search;
      if (search === '?sort=name&limit=1000') return HttpResponse.json(page([summary, unscannedSummary], 2, 0, 1000));
      tableQueries.push(search);
      return HttpResponse.json(page([summary, unscannedSummary], 2));
    }),
    http.get(`${API}/teams/default/team-a`, () => HttpResponse.json(team)),
  );
  return tableQueries;
}

function render(path = '/guardrails') {
  return renderInTestApp(
    <TestApiProvider apis={[[guardrailsApiRef, testClient()]]}>
      <Routes>
        <Route path="/guardrails/*" element={<GuardrailsPage />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/guardrails': rootRouteRef, '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('GuardrailsPage', () => {
  it('shows the estate, every service with level and grade, adoption against the industry, and unclaimed reports', async () => {
    const queries = serve();
    await render();

    expect(await screen.findByText('Paved road at a glance')).toBeInTheDocument();
    expect(await screen.findByText('Services (2)')).toBeInTheDocument();
    expect(queries[0]).toBe('?sort=score&offset=0&limit=25');

    const payments = screen.getByRole('link', { name: 'Payments' });
    expect(payments).toHaveAttribute('href', '/catalog/default/component/payments');
    const row = payments.closest('tr')!;
    expect(within(row).getByLabelText('Paved-road level: Bronze')).toBeInTheDocument();
    expect(within(row).getByRole('img', { name: 'Grade C' })).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'Team remediation for team-a' })).toHaveAttribute(
      'href',
      '/guardrails/teams/default/team-a',
    );
    const billing = screen.getByRole('link', { name: 'billing' }).closest('tr')!;
    expect(within(billing).getByText('Not scanned')).toBeInTheDocument();

    const adoption = screen.getByText('EC2 requires IMDSv2', { selector: 'td' }).closest('tr')!;
    expect(within(adoption).getByText('0%')).toBeInTheDocument();
    expect(within(adoption).getByText('49%')).toBeInTheDocument();
    expect(adoption).toHaveTextContent('49% of EC2 instances enforce IMDSv2');
    expect(within(adoption).getByLabelText('EC2 requires IMDSv2: 0% of services pass')).toBeInTheDocument();

    expect(await screen.findByText(/3 reports are not claimed by any catalog entity/)).toBeInTheDocument();
    expect(screen.getByText(/acme\/orphan: full scan, 4 findings/)).toBeInTheDocument();
  });

  it('filters services by owner and level on the server', async () => {
    const queries = serve();
    await render();
    await screen.findByText('Services (2)');
    const user = userEvent.setup({ delay: null });

    await user.click(screen.getByRole('button', { name: /Owner/ }));
    await user.click(await screen.findByRole('option', { name: 'team-b' }));
    await user.click(screen.getByRole('button', { name: /^Level/ }));
    await user.click(await screen.findByRole('option', { name: 'Gold' }));
    await waitFor(() =>
      expect(queries[queries.length - 1]).toBe('?owner=group%3Adefault%2Fteam-b&level=gold&sort=score&offset=0&limit=25'),
    );
  });

  it('opens a team’s remediation view from the team list', async () => {
    serve();
    await render();
    const user = userEvent.setup({ delay: null });
    // The team list links by team name; the services table's owner links say what they open.
    await user.click(await screen.findByRole('link', { name: 'team-a' }));

    expect(await screen.findByText('Remediation: Team A')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← All services' })).toHaveAttribute('href', '/guardrails');
  });
});
