import { entry, input, MAX_WORKFLOW_NODES, parseWorkflow } from './workflow-document';
import type { WorkflowDocument } from './workflow-document';

function parse(text: string, kind: 'workflow' | 'action' = 'workflow'): WorkflowDocument {
  const result = parseWorkflow('.github/workflows/ci.yml', text, kind);
  if (!result.ok) throw new Error(`expected a document, got ${JSON.stringify(result.errors)}`);
  return result.document;
}

const at = (line: number, column: number, endLine: number, endColumn: number) => ({ line, column, endLine, endColumn });

describe('parseWorkflow: triggers', () => {
  it('reads `on:` as a string', () => {
    expect(parse('on: push\n').triggers).toEqual([{ name: 'push', at: at(1, 5, 1, 9) }]);
  });

  it('reads `on:` as a list', () => {
    expect(parse('on: [push, pull_request_target]\n').triggers).toEqual([
      { name: 'push', at: at(1, 6, 1, 10) },
      { name: 'pull_request_target', at: at(1, 12, 1, 31) },
    ]);
  });

  it('reads `on:` as a block list', () => {
    expect(parse('on:\n  - push\n  - workflow_run\n').triggers.map((t) => [t.name, t.at.line, t.at.column])).toEqual([
      ['push', 2, 5],
      ['workflow_run', 3, 5],
    ]);
  });

  it('reads `on:` as a map, with or without configuration per event', () => {
    const doc = parse('"on":\n  push:\n    branches: [main]\n  workflow_dispatch:\n  pull_request_target: { types: [opened] }\n');
    expect(doc.triggers).toEqual([
      { name: 'push', at: at(2, 3, 2, 7) },
      { name: 'workflow_dispatch', at: at(4, 3, 4, 20) },
      { name: 'pull_request_target', at: at(5, 3, 5, 22) },
    ]);
  });

  it('keeps `on` a string key (YAML 1.2), not the boolean YAML 1.1 would make of it', () => {
    expect(parse('on: workflow_call\n').triggers.map((t) => t.name)).toEqual(['workflow_call']);
  });
});

describe('parseWorkflow: workflows', () => {
  const text = `name: Deploy
on: push
permissions:
  contents: read
env:
  REGION: eu-west-1
jobs:
  deploy:
    runs-on: ubuntu-latest
    permissions: write-all
    env:
      STAGE: prod
    steps:
      - id: creds
        uses: aws-actions/configure-aws-credentials@v4
        with:
          Role-To-Assume: arn:aws:iam::123456789012:role/deploy
          aws-region: eu-west-1
      - name: Sync
        run: |
          aws s3 sync out s3://bucket
        env:
          DEBUG: 1
      - uses: actions/checkout@v4
      - run: make
      - run: make
  release:
    uses: my-org/pipelines/.github/workflows/release.yml@main
    with:
      tag: v1
    secrets: inherit
  publish:
    uses: ./.github/workflows/publish.yml
    secrets:
      NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  const doc = parse(text);

  it('points file-level findings at the first key', () => {
    expect(doc.top).toEqual(at(1, 1, 1, 5));
  });

  it('reads top-level permissions and env with positions', () => {
    expect(doc.permissions).toMatchObject({ key: 'permissions', keyAt: at(3, 1, 3, 12), scalar: undefined });
    expect(entry(doc.permissions, 'contents')).toMatchObject({ value: 'read', keyAt: at(4, 3, 4, 11), valueAt: at(4, 13, 4, 17) });
    expect(entry(doc.env, 'REGION')).toMatchObject({ value: 'eu-west-1', valueAt: at(6, 11, 6, 20) });
  });

  it('reads jobs with their permissions, env and steps', () => {
    expect(doc.jobs.map((j) => j.id)).toEqual(['deploy', 'release', 'publish']);
    const deploy = doc.jobs[0]!;
    expect(deploy).toMatchObject({ path: 'jobs.deploy', keyAt: at(8, 3, 8, 9) });
    expect(deploy.permissions).toMatchObject({ scalar: 'write-all', valueAt: at(10, 18, 10, 27) });
    expect(entry(deploy.env, 'STAGE')?.value).toBe('prod');
    expect(deploy.steps).toHaveLength(5);
  });

  it('reads each step\'s uses, with, env and run with the position of every key and value', () => {
    const [creds, sync] = doc.jobs[0]!.steps;
    expect(creds!.uses).toMatchObject({ value: 'aws-actions/configure-aws-credentials@v4', keyAt: at(15, 9, 15, 13), valueAt: at(15, 15, 15, 55) });
    expect(input(creds!.with, 'role-to-assume')).toMatchObject({
      key: 'Role-To-Assume',
      value: 'arn:aws:iam::123456789012:role/deploy',
      keyAt: at(17, 11, 17, 25),
      valueAt: at(17, 27, 17, 64),
    });
    expect(entry(creds!.with, 'role-to-assume')).toBeUndefined();
    expect(sync!.run).toMatchObject({ value: 'aws s3 sync out s3://bucket\n', keyAt: at(20, 9, 20, 12), valueAt: at(20, 14, 21, 38) });
    expect(sync!.run!.raw.startsWith('|')).toBe(true);
    expect(text.slice(sync!.run!.rawOffset).startsWith('|\n          aws s3 sync')).toBe(true);
    expect(entry(sync!.env, 'DEBUG')).toMatchObject({ value: '1', valueAt: at(23, 18, 23, 19) });
  });

  it('names steps by id, else unique name, else unique action, else position', () => {
    expect(doc.jobs[0]!.steps.map((s) => s.path)).toEqual([
      'jobs.deploy.steps[creds]',
      'jobs.deploy.steps[Sync]',
      'jobs.deploy.steps[actions/checkout]',
      'jobs.deploy.steps[3]',
      'jobs.deploy.steps[4]',
    ]);
  });

  it('reads reusable-workflow calls: uses, with and secrets (inherit or a map)', () => {
    const [, release, publish] = doc.jobs;
    expect(release!.uses?.value).toBe('my-org/pipelines/.github/workflows/release.yml@main');
    expect(entry(release!.with, 'tag')?.value).toBe('v1');
    expect(release!.secrets).toMatchObject({ scalar: 'inherit', entries: [], valueAt: at(31, 14, 31, 21) });
    expect(publish!.secrets?.scalar).toBeUndefined();
    expect(entry(publish!.secrets, 'NPM_TOKEN')).toMatchObject({ value: '${{ secrets.NPM_TOKEN }}', keyAt: at(35, 7, 35, 16) });
  });

  it('lists every scalar value with its path, for searches in any expression', () => {
    const secret = doc.scalars.find((s) => s.value === '${{ secrets.NPM_TOKEN }}');
    expect(secret).toMatchObject({ path: 'jobs.publish.secrets.NPM_TOKEN', at: at(35, 18, 35, 42) });
  });

  it('resolves aliases to their anchors', () => {
    const aliased = parse('on: push\njobs:\n  a:\n    env: &common\n      AWS_REGION: us-east-1\n    steps: []\n  b:\n    env: *common\n    steps: []\n');
    expect(entry(aliased.jobs[1]!.env, 'AWS_REGION')).toMatchObject({ value: 'us-east-1', valueAt: at(5, 19, 5, 28) });
  });

  it('gives an empty value the position of its key', () => {
    const empty = parse('on: push\nenv:\n  TOKEN:\n');
    expect(entry(empty.env, 'TOKEN')).toMatchObject({ value: '', valueAt: at(3, 3, 3, 8) });
  });
});

describe('parseWorkflow: composite actions', () => {
  it('reads runs.steps', () => {
    const doc = parse(
      'name: Setup\nruns:\n  using: composite\n  steps:\n    - uses: actions/setup-node@v4\n      with:\n        node-version: 20\n    - run: npm ci\n      shell: bash\n',
      'action',
    );
    expect(doc.kind).toBe('action');
    expect(doc.jobs).toEqual([]);
    expect(doc.steps.map((s) => s.path)).toEqual(['runs.steps[actions/setup-node]', 'runs.steps[1]']);
    expect(input(doc.steps[0]!.with, 'node-version')).toMatchObject({ value: '20', valueAt: at(7, 23, 7, 25) });
    expect(doc.steps[1]!.run?.value).toBe('npm ci');
  });

  it('reads an action without steps (JavaScript or Docker) as having none', () => {
    expect(parse('name: x\nruns:\n  using: node24\n  main: dist/index.js\n', 'action').steps).toEqual([]);
  });
});

describe('parseWorkflow: problems', () => {
  it('returns malformed YAML as an error with line, column and the problem, without throwing', () => {
    const result = parseWorkflow('.github/workflows/ci.yml', 'on: push\njobs:\n  build:\n    steps: [\n      - run: make\n', 'workflow');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.length).toBeGreaterThan(0);
    const [error] = result.errors;
    expect(error).toMatchObject({ path: '.github/workflows/ci.yml', line: expect.any(Number), column: expect.any(Number) });
    expect(error!.message).toMatch(/^not valid YAML \([A-Z_]+\): \S/);
  });

  it('names a duplicate key and where it is', () => {
    const result = parseWorkflow('ci.yml', 'on: push\non: pull_request\n', 'workflow');
    expect(result).toEqual({ ok: false, errors: [{ path: 'ci.yml', line: 2, column: 1, message: 'not valid YAML (DUPLICATE_KEY): Map keys must be unique' }] });
  });

  it('rejects a top level that is not a mapping', () => {
    expect(parseWorkflow('ci.yml', '- on: push\n', 'workflow')).toEqual({
      ok: false,
      errors: [{ path: 'ci.yml', line: 1, column: 1, message: 'not a workflow: the top level is not a mapping' }],
    });
  });

  it('reads an empty file as a workflow with nothing in it', () => {
    expect(parse('# nothing yet\n')).toMatchObject({ triggers: [], jobs: [], steps: [], scalars: [] });
  });

  it('ignores shapes it does not expect (a list of jobs, a map of steps) instead of failing', () => {
    const doc = parse('on: push\njobs:\n  - build\nenv: [a]\n');
    expect(doc.jobs).toEqual([]);
    expect(doc.env).toMatchObject({ scalar: undefined, entries: [] });
    const steps = parse('on: push\njobs:\n  build:\n    steps: { run: make }\n');
    expect(steps.jobs[0]!.steps).toEqual([]);
  });

  it('survives deeply nested YAML', () => {
    const deep = `on: push\nenv:\n  X: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    expect(() => parseWorkflow('ci.yml', deep, 'workflow')).not.toThrow();
    const blocks = `on: push\njobs:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 2)}k${i}:`).join('\n')}\n`;
    expect(() => parseWorkflow('ci.yml', blocks, 'workflow')).not.toThrow();
  });

  it('reads a huge workflow', () => {
    const job = (i: number) => `  job${i}:\n    runs-on: ubuntu-latest\n    steps:\n${'      - uses: actions/checkout@v4\n        with:\n          fetch-depth: 0\n'.repeat(20)}`;
    const text = `on: push\njobs:\n${Array.from({ length: 1000 }, (_, i) => job(i)).join('')}`;
    expect(text.length).toBeGreaterThan(1_000_000);
    const doc = parse(text);
    expect(doc.jobs).toHaveLength(1000);
    expect(doc.jobs[999]!.steps).toHaveLength(20);
  });

  it('refuses to expand aliases past its budget instead of running out of memory', () => {
    const steps = Array.from({ length: 400 }, () => '*s').join(', ');
    const jobs = Array.from({ length: 400 }, (_, i) => `  j${i}: *job`).join('\n');
    const text = `on: push\nx-step: &s { uses: a/b@v1, with: { k: v } }\nx-job: &job\n  steps: [${steps}]\njobs:\n${jobs}\n`;
    const result = parseWorkflow('ci.yml', text, 'workflow');
    expect(result).toEqual({
      ok: false,
      errors: [{ path: 'ci.yml', message: `too large to analyse: more than ${MAX_WORKFLOW_NODES} nodes once YAML aliases are expanded` }],
    });
  });
});
