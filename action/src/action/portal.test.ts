import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { reportSchema } from '@pavedroad/guardrails-core';
import { core, resetCore } from './core-fixture';
import { finding, report } from './test-findings';

jest.unstable_mockModule('@actions/core', () => core);
const { pushReport, MAX_TRIES } = await import('./portal');

const PORTAL = 'https://portal.example.test';
const ENDPOINT = `${PORTAL}/api/guardrails/reports`;
const options = { url: PORTAL, token: 'portal-token-123', auth: 'token' as const, audience: PORTAL, required: false };
const r = report([finding('critical', 'src/config.ts', 3)]);

interface Seen {
  auth: string | null;
  type: string | null;
  body: unknown;
}
const seen: Seen[] = [];
/** The statuses the portal answers with, in order; the last one repeats. */
let answers: (number | 'network')[] = [];
const delays: number[] = [];
const sleep = (ms: number) => {
  delays.push(ms);
  return Promise.resolve();
};

const server = setupServer(
  http.post(ENDPOINT, async ({ request }) => {
    seen.push({ auth: request.headers.get('authorization'), type: request.headers.get('content-type'), body: await request.json() });
    const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
    if (answer === 'network') return HttpResponse.error();
    if (answer >= 400) return HttpResponse.json({ error: 'unavailable' }, { status: answer, ...(answer === 503 ? { headers: { 'retry-after': '2' } } : {}) });
    return HttpResponse.json({ id: 'r-1', url: `${PORTAL}/catalog/default/component/payments/guardrails` }, { status: answer });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  resetCore();
  seen.length = 0;
  delays.length = 0;
  answers = [201];
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('portal push', () => {
  it('POSTs the report in the shared schema with the bearer token and returns the URL the portal gives', async () => {
    const outcome = await pushReport(r, options, { fetch: globalThis.fetch, sleep });
    expect(outcome).toEqual({ sent: true, status: 201, tries: 1, url: `${PORTAL}/catalog/default/component/payments/guardrails` });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.auth).toBe('Bearer portal-token-123');
    expect(seen[0]!.type).toBe('application/json');
    expect(reportSchema.parse(seen[0]!.body)).toEqual(r);
  });

  it('retries a 5xx with exponential backoff, honouring Retry-After', async () => {
    answers = [502, 503, 201];
    const outcome = await pushReport(r, options, { fetch: globalThis.fetch, sleep });
    expect(outcome).toMatchObject({ sent: true, tries: 3 });
    // 1 s after the first failure; the 503 asked for 2 s.
    expect(delays).toEqual([1000, 2000]);
    expect(seen).toHaveLength(3);
  });

  it('retries network errors, then gives up after a bounded number of tries without throwing', async () => {
    answers = ['network'];
    const outcome = await pushReport(r, options, { fetch: globalThis.fetch, sleep });
    expect(outcome.sent).toBe(false);
    expect(outcome.tries).toBe(MAX_TRIES);
    if (!outcome.sent) expect(outcome.reason).toMatch(/could not be reached: .*\(after 3 tries\)$/);
    expect(delays).toEqual([1000, 2000]);
  });

  it('does not retry a 4xx, and says what the portal answered', async () => {
    answers = [401];
    const outcome = await pushReport(r, options, { fetch: globalThis.fetch, sleep });
    expect(outcome).toMatchObject({ sent: false, tries: 1 });
    if (!outcome.sent) expect(outcome.reason).toMatch(/answered 401.*unavailable/);
    expect(delays).toEqual([]);
  });

  it('reports missing credentials (a fork PR gets no secrets) without calling the portal', async () => {
    const noToken = { url: options.url, auth: options.auth, audience: options.audience, required: false };
    const outcome = await pushReport(r, noToken, { fetch: globalThis.fetch, sleep });
    expect(outcome).toEqual({ sent: false, tries: 0, missingCredentials: true, reason: 'no portal-token (secrets are not passed to workflows from fork pull requests)' });
    expect(seen).toHaveLength(0);
  });

  it('authenticates with a GitHub OIDC token for the audience when portal-auth is oidc', async () => {
    core.getIDToken.mockImplementationOnce(() => Promise.resolve('eyJ.oidc.token'));
    const outcome = await pushReport(r, { ...options, auth: 'oidc', audience: 'https://portal.example.test' }, { fetch: globalThis.fetch, sleep });
    expect(outcome.sent).toBe(true);
    expect(core.getIDToken).toHaveBeenCalledWith('https://portal.example.test');
    expect(seen[0]!.auth).toBe('Bearer eyJ.oidc.token');
  });

  it('explains a missing OIDC token (no id-token: write, or a fork PR)', async () => {
    const outcome = await pushReport(r, { ...options, auth: 'oidc' }, { fetch: globalThis.fetch, sleep });
    expect(outcome).toMatchObject({ sent: false, missingCredentials: true });
    if (!outcome.sent) expect(outcome.reason).toMatch(/^no GitHub OIDC token \(the job needs `permissions: id-token: write`.*ACTIONS_ID_TOKEN_REQUEST_URL/);
    expect(seen).toHaveLength(0);
  });
});
