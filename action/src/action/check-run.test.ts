import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { CheckAnnotation } from './check-run';
import { ANNOTATIONS_PER_REQUEST, checkAnnotations, createOctokit, finishCheckRun, startCheckRun } from './check-run';
import { finding, many } from './test-findings';

const API = 'https://api.github.test';
const target = { owner: 'acme', repo: 'payments', headSha: 'a'.repeat(40), name: 'Paved Road Guardrails' };
const now = new Date('2026-11-28T12:00:00.000Z');

interface Recorded {
  method: string;
  path: string;
  auth: string | null;
  body: Record<string, unknown>;
}
const requests: Recorded[] = [];
let createStatus = 201;

const server = setupServer(
  http.post(`${API}/repos/:owner/:repo/check-runs`, async ({ request }) => {
    requests.push({ method: 'POST', path: new URL(request.url).pathname, auth: request.headers.get('authorization'), body: (await request.json()) as Record<string, unknown> });
    if (createStatus === 403) return HttpResponse.json({ message: 'Resource not accessible by integration' }, { status: 403 });
    return HttpResponse.json({ id: 4242 }, { status: createStatus });
  }),
  http.patch(`${API}/repos/:owner/:repo/check-runs/:id`, async ({ request, params }) => {
    requests.push({ method: 'PATCH', path: new URL(request.url).pathname, auth: request.headers.get('authorization'), body: (await request.json()) as Record<string, unknown> });
    return HttpResponse.json({ id: Number(params.id) });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  requests.length = 0;
  createStatus = 201;
});
afterAll(() => server.close());

// @actions/github's default client uses undici's own fetch, which msw cannot see: tests inject the global one.
const octokit = () => createOctokit('ghs_test', API, globalThis.fetch);

describe('check run', () => {
  it('is created in progress on the head commit given, with the token', async () => {
    const started = await startCheckRun(octokit(), target, now);
    expect(started).toEqual({ ok: true, value: 4242 });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/repos/acme/payments/check-runs', auth: 'token ghs_test' });
    expect(requests[0]!.body).toMatchObject({ name: 'Paved Road Guardrails', head_sha: target.headSha, status: 'in_progress', started_at: now.toISOString() });
  });

  it('reports a 403 (fork PR, read-only token) as a result, not an exception', async () => {
    createStatus = 403;
    const started = await startCheckRun(octokit(), target, now);
    expect(started).toMatchObject({ ok: false, status: 403 });
    if (!started.ok) expect(started.message).toMatch(/Resource not accessible by integration/);
  });

  it('adds 120 annotations in pages of 50, 50 and 20, completing the run on the last page', async () => {
    const annotations = checkAnnotations([...many('high', 70), ...many('medium', 50)], (p) => p, 1000);
    const result = await finishCheckRun(octokit(), target, 4242, annotations, { conclusion: 'failure', title: 't', summary: 's', text: 'x' }, () => now);
    expect(result).toEqual({ ok: true, value: 3 });
    expect(requests.map((r) => r.method)).toEqual(['PATCH', 'PATCH', 'PATCH']);
    expect(requests.every((r) => r.path === '/repos/acme/payments/check-runs/4242')).toBe(true);
    const pages = requests.map((r) => (r.body.output as { annotations?: CheckAnnotation[] }).annotations ?? []);
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
    expect(pages.flat()).toEqual(annotations);
    expect(requests.slice(0, 2).every((r) => r.body.status === undefined && r.body.conclusion === undefined)).toBe(true);
    expect(requests[2]!.body).toMatchObject({ status: 'completed', conclusion: 'failure', completed_at: now.toISOString() });
  });

  it('completes a run with no annotations in one request', async () => {
    const result = await finishCheckRun(octokit(), target, 7, [], { conclusion: 'success', title: 'No findings', summary: 's' }, () => now);
    expect(result).toEqual({ ok: true, value: 1 });
    expect(requests[0]!.body).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'No findings', summary: 's' } });
    expect((requests[0]!.body.output as Record<string, unknown>).annotations).toBeUndefined();
  });

  it('keeps summary and text within the 65535-character limit', async () => {
    await finishCheckRun(octokit(), target, 7, [], { conclusion: 'neutral', title: 'x'.repeat(300), summary: 's'.repeat(70_000), text: 't'.repeat(70_000) }, () => now);
    const output = requests[0]!.body.output as { title: string; summary: string; text: string };
    expect(output.title.length).toBeLessThanOrEqual(255);
    expect(output.summary.length).toBeLessThanOrEqual(65_535);
    expect(output.text.length).toBeLessThanOrEqual(65_535);
  });
});

describe('checkAnnotations', () => {
  it('ranks by severity, caps at max, maps levels and paths, and sets columns only on one line', () => {
    const multiLine = finding('critical', 'keys/id_rsa', 1, { location: { path: 'keys/id_rsa', startLine: 1, startColumn: 1, endLine: 7, endColumn: 30 } });
    const suppressed = finding('critical', 'a.ts', 1, { suppression: { kind: 'inline', reason: 'test key' } });
    const list = checkAnnotations([finding('low', 'b.ts', 2), finding('medium', 'a.ts', 5), multiLine, suppressed], (p) => `svc/${p}`, 2);
    expect(list.map((a) => [a.annotation_level, a.path, a.start_line])).toEqual([
      ['failure', 'svc/keys/id_rsa', 1],
      ['warning', 'svc/a.ts', 5],
    ]);
    expect(list[0]).not.toHaveProperty('start_column');
    expect(list[1]).toMatchObject({ start_column: 3, end_column: 9 });
    expect(ANNOTATIONS_PER_REQUEST).toBe(50);
  });
});
