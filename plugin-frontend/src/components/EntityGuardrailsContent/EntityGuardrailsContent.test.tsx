import type { Entity } from '@backstage/catalog-model';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import type { PermissionApi } from '@backstage/plugin-permission-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, registerMswTestHooks, renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { guardrailsApiRef } from '../../api';
import {
  API,
  history,
  imdsFinding,
  keyFinding,
  page,
  paymentsEntity,
  pullRequest,
  scorecard,
  suppressedFinding,
  testClient,
} from '../../testing';
import { EntityGuardrailsContent } from './EntityGuardrailsContent';

type PermissionResponse = Awaited<ReturnType<PermissionApi['authorize']>>;

// Interactions with MUI selects and dialogs in jsdom take a few seconds.
jest.setTimeout(120_000);

const server = setupServer();
registerMswTestHooks(server);

const ENTITY = `${API}/entities/component/default/payments`;

/** Serves the tab's routes; returns the search strings of the findings requests. */
function serve() {
  const findingQueries: string[] = [];
  server.use(
    http.get(`${ENTITY}/scorecard`, () => HttpResponse.json(scorecard)),
    http.get(`${ENTITY}/history`, () => HttpResponse.json({ items: history })),
    http.get(`${ENTITY}/pull-requests`, () => HttpResponse.json(page([pullRequest], 1, 0, 20))),
    http.get(`${ENTITY}/findings`, ({ request }) => {
      findingQueries.push(new URL(request.url).search);
      return HttpResponse.json(page([imdsFinding, keyFinding, suppressedFinding], 3));
    }),
  );
  return findingQueries;
}

function render(options: { allow: boolean; entity?: Entity }) {
  // A definitive decision for every request (AuthorizeResult lives in permission-common, not a dependency here).
  const response = { result: options.allow ? 'ALLOW' : 'DENY' } as PermissionResponse;
  const permissionApi: PermissionApi = { authorize: () => Promise.resolve(response) };
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [guardrailsApiRef, testClient()],
        [permissionApiRef, permissionApi],
      ]}
    >
      <EntityProvider entity={options.entity ?? paymentsEntity}>
        <EntityGuardrailsContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityGuardrailsContent', () => {
  it('shows the scorecard, sources, history, guardrail breakdown, findings and pull-request scans', async () => {
    const queries = serve();
    await render({ allow: false });

    expect(await screen.findByText('Paved road')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Grade C' })).toBeInTheDocument();
    expect(screen.getByText(/acme\/payments \(main @ 0123456\), scanned/)).toBeInTheDocument();
    expect(
      await screen.findByText('Score 62 on 2026-11-25, 78 on 2026-11-27 (up); 2 open findings now.'),
    ).toBeInTheDocument();

    // Breakdown: evidence per source, the industry figure, the paved-road fix.
    expect(screen.getByText(/^Industry: Only 49% of EC2 instances enforce IMDSv2\./)).toBeInTheDocument();
    expect(screen.getAllByText(/acme\/payments @ 0123456: Pass, 0 findings/).length).toBeGreaterThan(0);

    // Findings: open and reopened by default, with location, age, due date and the fix folded under each.
    expect(await screen.findByText('Findings (3)')).toBeInTheDocument();
    expect(queries[0]).toBe('?status=open&status=reopened&offset=0&limit=25');
    const row = screen.getByText('EC2 instance allows IMDSv1').closest('tr')!;
    expect(within(row).getByText('infra/main.tf:12')).toBeInTheDocument();
    expect(within(row).getByText('57 days')).toBeInTheDocument();
    expect(within(row).getByText(/^Overdue ·/)).toBeInTheDocument();
    expect(within(row).getByText('Set metadata_options.http_tokens = "required".')).toBeInTheDocument();
    expect(within(row).getByText('Use the paved-road EC2 module, which requires IMDSv2.')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: /EC2 instance allows IMDSv1/ })).toHaveAttribute('href', imdsFinding.link);
    const awsRow = screen.getByText('Access key older than 90 days').closest('tr')!;
    expect(within(awsRow).getByText('arn:aws:iam::123456789012:user/deploy')).toBeInTheDocument();
    expect(within(awsRow).getByText('AWS (live)')).toBeInTheDocument();

    const pr = (await screen.findByText('PR #42')).closest('tr')!;
    expect(within(pr).getByText('fedcba9')).toBeInTheDocument();
    expect(within(pr).getByText('No leaked secrets')).toBeInTheDocument();

    // No triage without guardrails.finding.update.
    expect(screen.queryByRole('button', { name: /^Triage/ })).not.toBeInTheDocument();
  });

  it('filters findings on the server by severity, guardrail, status and source', async () => {
    const queries = serve();
    await render({ allow: false });
    await screen.findByText('Findings (3)');
    const user = userEvent.setup({ delay: null });

    await user.click(screen.getByRole('button', { name: /Severity/ }));
    await user.click(await screen.findByRole('option', { name: 'high' }));
    await waitFor(() => expect(queries).toHaveLength(2));
    expect(queries[1]).toBe('?severity=high&status=open&status=reopened&offset=0&limit=25');

    await user.click(screen.getByRole('button', { name: /Guardrail/ }));
    await user.click(await screen.findByRole('option', { name: 'EC2 requires IMDSv2' }));
    await user.click(screen.getByRole('button', { name: /Status/ }));
    await user.click(await screen.findByRole('option', { name: 'All statuses' }));
    await user.click(screen.getByRole('button', { name: /Source/ }));
    await user.click(await screen.findByRole('option', { name: 'AWS (live)' }));
    await waitFor(() =>
      expect(queries[queries.length - 1]).toBe('?guardrail=imdsv2-enforced&severity=high&source=aws&offset=0&limit=25'),
    );
  });

  it('lets a user with guardrails.finding.update accept a risk with a reason and an expiry', async () => {
    const queries = serve();
    const patches: unknown[] = [];
    server.use(
      http.patch(`${API}/findings/:id`, async ({ request, params }) => {
        patches.push({ id: params.id, body: await request.json() });
        return HttpResponse.json({ ...imdsFinding, status: 'accepted' });
      }),
    );
    await render({ allow: true });
    const user = userEvent.setup({ delay: null });

    await user.click(await screen.findByRole('button', { name: 'Triage: EC2 instance allows IMDSv1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Triage finding' });
    await user.click(within(dialog).getByLabelText('Accept the risk until a date'));
    const submit = within(dialog).getByRole('button', { name: 'Accept risk' });
    expect(submit).toBeDisabled();

    // One paste rather than a keystroke per character: typing re-renders the dialog 28 times, slow on a busy machine.
    await user.click(within(dialog).getByLabelText(/Reason/));
    await user.paste('Vendor AMI gets IMDSv2 in Q1');
    expect(submit).toBeDisabled(); // accept-risk needs an expiry
    fireEvent.change(within(dialog).getByLabelText(/Expires on/), { target: { value: '2099-03-31' } });
    await user.click(submit);

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(patches).toEqual([
      { id: 'f-1', body: { action: 'accept-risk', reason: 'Vendor AMI gets IMDSv2 in Q1', expiresAt: '2099-03-31' } },
    ]);
    expect(screen.getByRole('status')).toHaveTextContent('Accepted the risk of “EC2 instance allows IMDSv1”.');
    await waitFor(() => expect(queries).toHaveLength(2)); // the table reloads
  });

  it('offers reopen on a suppressed finding and shows the server refusal in the dialog', async () => {
    serve();
    server.use(
      http.patch(`${API}/findings/:id`, () =>
        HttpResponse.json(
          { error: { name: 'InputError', message: 'reason too short' }, response: { statusCode: 400 } },
          { status: 400 },
        ),
      ),
    );
    await render({ allow: true });
    const user = userEvent.setup({ delay: null });

    await user.click(await screen.findByRole('button', { name: 'Reopen: Access key never used' }));
    const dialog = await screen.findByRole('dialog', { name: 'Triage finding' });
    expect(within(dialog).queryByLabelText(/Expires on/)).not.toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/Reason/), 'x');
    await user.click(within(dialog).getByRole('button', { name: 'Reopen' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Could not save: Request failed with 400');
  });

  it('says so when the user may not read findings', async () => {
    serve();
    server.use(
      http.get(`${ENTITY}/findings`, () =>
        HttpResponse.json(
          { error: { name: 'NotAllowedError', message: 'denied' }, response: { statusCode: 403 } },
          { status: 403 },
        ),
      ),
    );
    await render({ allow: false });
    expect(
      await screen.findByText('You do not have permission to see this service’s findings (guardrails.finding.read).'),
    ).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Grade C' })).toBeInTheDocument();
  });

  it('shows how to connect the service when the portal never scanned it, with its pull-request scans', async () => {
    serve();
    server.use(http.get(`${ENTITY}/scorecard`, () => HttpResponse.json({ ...scorecard, evaluated: false })));
    await render({ allow: false });
    expect(await screen.findByText('No guardrail scan received yet')).toBeInTheDocument();
    expect(await screen.findByText('PR #42')).toBeInTheDocument();
  });
});

