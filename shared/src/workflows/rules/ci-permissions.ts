import { onlyCalled } from '../effective-permissions';
import type { FieldMap } from '../workflow-document';
import { defineWorkflowRule } from '../workflow-rule';

function isWriteAll(block: FieldMap | undefined): block is FieldMap {
  return block?.scalar?.trim() === 'write-all';
}

export const ciPermissions = defineWorkflowRule({
  id: 'ci-permissions',
  guardrail: 'ci-hardened',
  title: 'Workflow token permissions are not least privilege',
  description:
    'The `GITHUB_TOKEN` of a workflow should be read-only by default, with writes granted per job. A workflow without top-level `permissions:` gives jobs that declare none the repository or organisation default, which is read-write on older repositories; `permissions: write-all` grants every scope. Workflows that are only called (`workflow_call`) are not asked for top-level permissions, since the calling job sets them.',
  provider: 'GitHub Actions',
  severity: 'medium',
  confidence: 'high',
  messages: {
    missingWorkflow:
      'This workflow declares no `permissions:`, so its jobs run with the repository\'s default `GITHUB_TOKEN` permissions, read-write on many repositories: a compromised step could push code or publish releases. Add a top-level `permissions: contents: read` (or `{}`) and grant writes only in the jobs that need them.',
    missingJob:
      'Job `{{job}}` declares no `permissions:` and the workflow has none at the top level, so it runs with the repository\'s default `GITHUB_TOKEN` permissions, read-write on many repositories. Give the job `permissions:` with only the scopes it uses, or add read-only permissions at the top of the workflow.',
    writeAll:
      '`permissions: write-all` gives {{where}} every `GITHUB_TOKEN` scope with write access: a compromised step could push code, change releases and packages or approve pull requests. List only the scopes needed, e.g. `permissions: contents: read`.',
  },
  remediation: {
    text: 'Add `permissions: contents: read` (or `{}`) at the top of the workflow, and in each job that needs more, list exactly the scopes it writes (e.g. `contents: write` for a release job). Replace `write-all` with those scopes.',
    pavedRoad: 'Workflows start from `permissions: {}` or `contents: read`; jobs add the scopes they use. The organisation default token permission is read-only.',
  },
  anchors: {
    zizmor: ['excessive-permissions', 'undocumented-permissions'],
    'OpenSSF Scorecard': ['Token-Permissions'],
    checkov: ['CKV2_GHA_1'],
  },
  references: [
    'https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token',
    'https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#permissions',
    'https://github.com/ossf/scorecard/blob/main/docs/checks.md#token-permissions',
    'https://docs.zizmor.sh/audits/#excessive-permissions',
  ],
  examples: {
    bad: [
      {
        text: `name: CI
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
        expect: [{ line: 1, messageId: 'missingWorkflow' }],
      },
      {
        text: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - run: make
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: make publish
`,
        expect: [{ line: 9, messageId: 'missingJob' }],
      },
      {
        text: `on: push
permissions: write-all
jobs:
  release:
    runs-on: ubuntu-latest
    permissions: write-all
    steps:
      - run: make release
`,
        expect: [
          { line: 2, messageId: 'writeAll' },
          { line: 6, messageId: 'writeAll' },
        ],
      },
    ],
    good: [
      {
        text: `on: push
permissions:
  contents: read
jobs:
  release:
    runs-on: ubuntu-latest
    permissions:
      contents: write
    steps:
      - run: make release
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
        why: 'read-only at the top, writes granted to the one job that needs them',
      },
      {
        text: `on:
  workflow_call:
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make
`,
        why: 'a reusable workflow: the calling job sets its permissions',
      },
      {
        path: '.github/actions/build/action.yml',
        text: `name: Build
runs:
  using: composite
  steps:
    - run: make
      shell: bash
`,
        why: 'a composite action runs with the permissions of the job that uses it',
      },
    ],
  },
  check(doc, ctx) {
    if (doc.kind !== 'workflow') return;
    if (isWriteAll(doc.permissions)) {
      ctx.report({
        messageId: 'writeAll',
        at: doc.permissions.valueAt,
        subject: 'permissions',
        evidence: 'permissions: write-all',
        severity: 'high',
        data: { where: 'every job of this workflow' },
      });
    }
    for (const job of doc.jobs) {
      if (isWriteAll(job.permissions)) {
        ctx.report({
          messageId: 'writeAll',
          at: job.permissions.valueAt,
          subject: `${job.path}.permissions`,
          evidence: `${job.path}.permissions: write-all`,
          severity: 'high',
          data: { where: `job \`${job.id}\`` },
        });
      }
    }
    if (doc.permissions || onlyCalled(doc)) return;
    const without = doc.jobs.filter((job) => !job.permissions);
    if (without.length === 0) return;
    if (without.length === doc.jobs.length) {
      ctx.report({ messageId: 'missingWorkflow', at: doc.top, subject: 'permissions', evidence: 'no top-level permissions; no job declares any' });
      return;
    }
    for (const job of without) {
      ctx.report({ messageId: 'missingJob', at: job.keyAt, subject: `${job.path}.permissions`, evidence: `${job.path}: no permissions, none at the top level`, data: { job: job.id } });
    }
  },
});
