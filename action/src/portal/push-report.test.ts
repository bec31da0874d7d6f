import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ALPHABETS, fakeSecret, reportSchema } from '@pavedroad/guardrails-core';
import { finding, report } from '../action/test-findings';
import { MAX_TRIES, pushReport } from './push-report';

const PORTAL = 'https://portal.example.test';
const ENDPOINT = `${PORTAL}/api/guardrails/reports`;
// Generated from a seed: no token-shaped literal in the source.
const TOKEN = fakeSecret('push-report test token', ALPHABETS.alnum, 24);
const target = { url: PORTAL, token: TOKEN, userAgent: 'paved-road-guardrails-test/1.0.0' };
const r = report([finding('critical', 'src/config.ts', 3)]);

interface Seen {
  auth: string | null;
  agent: string | null;
  body: unknown;
}
const seen: Seen[] = [];
/** Answers of the portal, in order; the last one repeats. */
let answers: (() => Response)[] = [];
const delays: number[] = [];
const logged: string[] = [];
const deps = {
  fetch: (...args: Parameters<typeof fetch>) => globalThis.fetch(...args),
  sleep: (ms: number) => {
    delays.push(ms);
    return Promise.resolve();
  },
  log: (message: string) => {
    logged.push(message);
  },
};

/** Backstage's error body, as the backend's error handler writes it. */
const backstageError = (status: number, name: string, message: string) => () => HttpResponse.json({ error: { name, message }, request: { method: 'POST', url: '/api/guardrails/reports' }, response: { statusCode: status } }, { status });
const accepted = () => HttpResponse.json({ id: 'rep-1', status: 'accepted', entities: ['component:default/payments'], posture: true, url: `${PORTAL}/catalog/default/component/payments/guardrails` }, { status: 201 });

const server = setupServer(
  http.post(ENDPOINT, async ({ request }) => {
    seen.push({ auth: request.headers.get('authorization'), agent: request.headers.get('user-agent'), body: await request.json() });
    const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
    return answer();
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  seen.length = 0;
  delays.length = 0;
  logged.length = 0;
  answers = [accepted];
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('pushReport', () => {
  it('POSTs the report with the bearer token and user agent, and returns the portal receipt', async () => {
    const outcome = await pushReport(r, target, deps);
    expect(outcome).toEqual({
      sent: true,
      httpStatus: 201,
      tries: 1,
      receipt: { id: 'rep-1', status: 'accepted', entities: ['component:default/payments'], posture: true, url: `${PORTAL}/catalog/default/component/payments/guardrails` },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.auth).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]!.agent).toBe('paved-road-guardrails-test/1.0.0');
    expect(reportSchema.parse(seen[0]!.body)).toEqual(r);
    expect(logged).toEqual([]);
  });

  it('reads a 200 as a duplicate the portal had already filed', async () => {
    answers = [() => HttpResponse.json({ id: 'rep-1', status: 'duplicate', entities: [], posture: false }, { status: 200 })];
    const outcome = await pushReport(r, target, deps);
    expect(outcome).toEqual({ sent: true, httpStatus: 200, tries: 1, receipt: { id: 'rep-1', status: 'duplicate', entities: [], posture: false } });
  });

  it('takes accepted or duplicate from the HTTP status when the body is not JSON', async () => {
    answers = [() => new HttpResponse('ok', { status: 201 })];
    expect(await pushReport(r, target, deps)).toEqual({ sent: true, httpStatus: 201, tries: 1, receipt: { status: 'accepted' } });
  });

  it.each([
    [401, 'AuthenticationError', 'Missing credentials', 'the portal did not accept the credential'],
    [403, 'NotAllowedError', 'Not allowed to push reports for acme/payments: subject is bound to acme/other', 'may not push reports for this repository'],
    [413, 'PayloadTooLargeError', 'Report body over 10mb', 'guardrails.ingest.maxBodySize'],
  ])('does not retry a %i, and gives the Backstage error with where to look', async (status, name, message, hint) => {
    answers = [backstageError(status, name, message)];
    const outcome = await pushReport(r, target, deps);
    expect(outcome).toMatchObject({ sent: false, tries: 1, httpStatus: status });
    if (!outcome.sent) {
      expect(outcome.reason).toContain(`${ENDPOINT} answered ${status}`);
      expect(outcome.reason).toContain(`: ${name}: ${message} (`);
      expect(outcome.reason).toContain(hint);
    }
    expect(seen).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('names the invalid fields of a 400', async () => {
    answers = [backstageError(400, 'InputError', 'Invalid report: repository.slug: an owner/repo slug is required to file a report')];
    const outcome = await pushReport(r, target, deps);
    expect(outcome.sent).toBe(false);
    if (!outcome.sent) expect(outcome.reason).toMatch(/answered 400.*: InputError: Invalid report: repository\.slug: an owner\/repo slug is required to file a report$/);
  });

  it('retries a 503 after the Retry-After it asks for, logging the retry, then succeeds', async () => {
    answers = [() => HttpResponse.json({ error: { name: 'ServiceUnavailableError', message: 'database is starting' } }, { status: 503, headers: { 'retry-after': '3' } }), accepted];
    const outcome = await pushReport(r, target, deps);
    expect(outcome).toMatchObject({ sent: true, httpStatus: 201, tries: 2 });
    expect(delays).toEqual([3000]);
    expect(logged).toEqual([`Portal push try 1 of 3 failed (${ENDPOINT} answered 503 Service Unavailable: ServiceUnavailableError: database is starting); retrying in 3000 ms.`]);
  });

  it('gives up after MAX_TRIES 5xx answers with the last one and the last status', async () => {
    answers = [() => HttpResponse.json({}, { status: 502 })];
    const outcome = await pushReport(r, target, deps);
    expect(outcome).toMatchObject({ sent: false, tries: MAX_TRIES, httpStatus: 502 });
    if (!outcome.sent) expect(outcome.reason).toMatch(/answered 502.*\(after 3 tries\)$/);
    expect(delays).toEqual([1000, 2000]);
    expect(logged).toHaveLength(2);
  });

  it('never returns or logs the token, even when the portal echoes it', async () => {
    answers = [backstageError(503, 'ServiceUnavailableError', `upstream rejected Bearer ${TOKEN}`), backstageError(401, 'AuthenticationError', `token ${TOKEN} is revoked`)];
    const outcome = await pushReport(r, target, deps);
    expect(outcome.sent).toBe(false);
    const said = JSON.stringify({ outcome, logged });
    expect(said).not.toContain(TOKEN);
    expect(said).toContain('token *** is revoked');
  });

  it.each([['a token\nwith a newline'], ['']])('refuses a token fetch could not send (%j) without calling the portal or quoting it', async (token) => {
    const outcome = await pushReport(r, { ...target, token }, deps);
    expect(outcome).toEqual({ sent: false, tries: 0, reason: 'the portal token is empty or contains whitespace or control characters' });
    expect(seen).toHaveLength(0);
  });
});
