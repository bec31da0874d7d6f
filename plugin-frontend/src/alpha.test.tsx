import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  createExtensionTester,
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import guardrailsPlugin from './alpha';
import { guardrailsApiRef } from './api';
import { API, BASE_URL, overview, page, paymentsEntity, scorecard, summary, testClient } from './testing';

jest.setTimeout(120_000);

const server = setupServer();
registerMswTestHooks(server);

describe('guardrails plugin for the new frontend system', () => {
  it('declares the API, entity card, entity tab, group tab and page', () => {
    expect(guardrailsPlugin.pluginId).toBe('guardrails');
    const ids = [
      'api:guardrails/client',
      'entity-card:guardrails/scorecard',
      'entity-content:guardrails/guardrails',
      'entity-content:guardrails/team-remediation',
      'page:guardrails/overview',
    ];
    for (const id of ids) expect(guardrailsPlugin.getExtension(id as never)).toBeDefined();
  });

  it('renders the paved-road page through its own API extension and the app’s discovery and fetch', async () => {
    server.use(
      http.get(`${API}/overview`, () => HttpResponse.json(overview)),
      http.get(`${API}/reports/unclaimed`, () => HttpResponse.json(page([]))),
      http.get(`${API}/scorecards`, () => HttpResponse.json(page([summary]))),
    );
    renderTestApp({
      features: [guardrailsPlugin],
      initialRouteEntries: ['/guardrails'],
      apis: [mockApis.discovery({ baseUrl: BASE_URL })],
    });
    expect(await screen.findByText('Paved road at a glance')).toBeInTheDocument();
    expect(await screen.findByText('Services (1)')).toBeInTheDocument();
  });

  it('renders the entity card extension for an annotated component', async () => {
    server.use(
      http.get(`${API}/entities/component/default/payments/scorecard`, () => HttpResponse.json(scorecard)),
      http.get(`${API}/entities/component/default/payments/findings`, () => HttpResponse.json(page([]))),
    );
    const card = guardrailsPlugin.getExtension('entity-card:guardrails/scorecard');
    const tester = createExtensionTester(card);
    renderInTestApp(<EntityProvider entity={paymentsEntity}>{tester.reactElement()}</EntityProvider>, {
      apis: [[guardrailsApiRef, testClient()]],
    });
    expect(await screen.findByRole('img', { name: 'Grade C' })).toBeInTheDocument();
    expect(screen.getByText('No open findings.')).toBeInTheDocument();
  });
});
