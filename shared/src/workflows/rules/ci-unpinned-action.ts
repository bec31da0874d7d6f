import { isTrustedAction } from '../trusted-action';
import { isFullSha, parseUses } from '../uses-ref';
import type { Field } from '../workflow-document';
import { defineWorkflowRule } from '../workflow-rule';
import type { WorkflowReport } from '../workflow-rule';
import { allSteps } from '../workflow-walk';

type MessageId = 'unpinnedAction' | 'unpinnedWorkflow' | 'unpinnedImage';

function refKind(ref: string): string {
  if (/^[0-9a-f]{7,39}$/i.test(ref)) return 'short commit SHA, which can be made ambiguous by a commit in a fork';
  return 'tag or branch that can be moved to different code';
}

/** What is wrong with one `uses:`, or nothing. */
function check(uses: Field, subject: string, kind: 'action' | 'workflow', trusted: readonly string[]): WorkflowReport<MessageId> | undefined {
  const value = uses.value?.trim() ?? '';
  if (!value || value.includes('${{')) return undefined;
  const ref = parseUses(value);
  switch (ref.kind) {
    case 'local':
    case 'unknown':
      return undefined;
    case 'docker':
      if (ref.digest) return undefined;
      return { messageId: 'unpinnedImage', at: uses.valueAt, subject, evidence: `uses: ${value}`, data: { image: value } };
    case 'remote': {
      // Without `@ref` the workflow does not run at all (actionlint reports it); nothing to pin.
      if (ref.ref === undefined || isFullSha(ref.ref)) return undefined;
      if (isTrustedAction(ref.owner, ref.repo, trusted)) return undefined;
      const name = `${ref.owner}/${ref.repo}${ref.subpath}`;
      return {
        messageId: kind === 'action' ? 'unpinnedAction' : 'unpinnedWorkflow',
        at: uses.valueAt,
        subject,
        evidence: `uses: ${value}`,
        data: { action: name, ref: ref.ref, refKind: refKind(ref.ref) },
      };
    }
  }
}

export const ciUnpinnedAction = defineWorkflowRule({
  id: 'ci-unpinned-action',
  guardrail: 'ci-hardened',
  title: 'Third-party action not pinned to a commit SHA',
  description:
    'A step uses a third-party action, or a job calls a reusable workflow, by tag or branch instead of a full 40-character commit SHA, or runs a container image without a digest. Whoever controls the action\'s repository can move the tag to different code that then runs with the job\'s secrets: tj-actions/changed-files (CVE-2025-30066), reviewdog/action-setup (CVE-2025-30154) and trivy-action (CVE-2026-33634) were compromised that way. Local actions (`./`) and the trusted owners in `ci.trustedActions` (default `actions/*`, `github/*`) are not reported.',
  provider: 'GitHub Actions',
  severity: 'medium',
  confidence: 'high',
  messages: {
    unpinnedAction:
      '`{{action}}` is pinned to `{{ref}}`, a {{refKind}}: if its repository is compromised, the new code runs with this job\'s token and secrets, as in the tj-actions and trivy-action tag hijacks. Pin the full 40-character commit SHA and keep the version in a comment (`uses: {{action}}@<sha> # {{ref}}`); Dependabot and Renovate keep pinned SHAs up to date.',
    unpinnedWorkflow:
      'The reusable workflow `{{action}}` is called at `{{ref}}`, a {{refKind}}: whoever controls that repository decides what runs with the secrets this job passes. Call it at a full 40-character commit SHA (`uses: {{action}}@<sha> # {{ref}}`).',
    unpinnedImage:
      '`{{image}}` runs a container image by tag, which its publisher can replace. Pin it by digest (`docker://image@sha256:<digest>`).',
  },
  remediation: {
    text: 'Replace the tag with the full commit SHA it points to, keeping the tag in a comment (`uses: owner/repo@<40-hex sha> # v1.2.3`), and let Dependabot or Renovate update the SHA. To trust an owner by tag instead, add it to `ci.trustedActions` in `.guardrails.yml`.',
    pavedRoad: 'Every third-party action and reusable workflow is pinned by SHA, updated by Dependabot; an organisation policy can require SHA pinning.',
  },
  anchors: {
    zizmor: ['unpinned-uses'],
    'OpenSSF Scorecard': ['Pinned-Dependencies'],
    checkov: [],
    // Query id from docs.kics.io (not in our research notes): "Unpinned Actions Full Length Commit SHA".
    KICS: ['555ab8f9-2001-455e-a077-f2d0f41e2fb9'],
  },
  references: [
    'https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions',
    'https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies',
    'https://docs.zizmor.sh/audits/#unpinned-uses',
  ],
  examples: {
    bad: [
      {
        text: `on: push
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: tj-actions/changed-files@v45
      - uses: aquasecurity/trivy-action@master
      - uses: docker://alpine:3.20
  shared:
    uses: my-org/pipelines/.github/workflows/build.yml@main
`,
        expect: [
          { line: 9, messageId: 'unpinnedAction' },
          { line: 10, messageId: 'unpinnedAction' },
          { line: 11, messageId: 'unpinnedImage' },
          { line: 13, messageId: 'unpinnedWorkflow' },
        ],
      },
      {
        path: 'actions/setup/action.yaml',
        text: `name: Setup
runs:
  using: composite
  steps:
    - uses: reviewdog/action-setup@e04ffabe
`,
        expect: [{ line: 5, messageId: 'unpinnedAction' }],
      },
    ],
    good: [
      {
        text: `on: push
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: github/codeql-action/init@v3
      - uses: tj-actions/changed-files@ed68ef82c095e0d48ec87eccea555d944a631a4c # v46.0.5
      - uses: ./.github/actions/build
      - uses: docker://alpine@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5
  shared:
    uses: ./.github/workflows/build.yml
`,
        why: 'GitHub-owned actions by tag (trusted by default), a third-party action by SHA, local actions and an image by digest',
      },
    ],
  },
  check(doc, ctx) {
    const trusted = ctx.config.trustedActions;
    for (const { step } of allSteps(doc)) {
      const r = step.uses && check(step.uses, `${step.path}.uses`, 'action', trusted);
      if (r) ctx.report(r);
    }
    for (const job of doc.jobs) {
      const r = job.uses && check(job.uses, `${job.path}.uses`, 'workflow', trusted);
      if (r) ctx.report(r);
    }
  },
});
