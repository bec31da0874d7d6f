import { displayValue } from '../credential-value';
import { usesAction } from '../uses-ref';
import { input, pairSpan } from '../workflow-document';
import { defineWorkflowRule } from '../workflow-rule';

/** Triggers that run with the base repository's secrets and write token while reacting to fork pull requests. */
const PRIVILEGED_TRIGGERS = ['pull_request_target', 'workflow_run'];
/** Expressions and refs that name the pull request's code rather than the base branch. */
const PR_HEAD =
  /github\.event\.pull_request\.(?:head\.|merge_commit_sha)|github\.head_ref\b|github\.event\.workflow_run\.(?:head_|pull_requests)|refs\/pull\//;
// Fetching the PR's code in a script: `gh pr checkout`, or git naming the PR head or a `pull/N` ref.
const RUN_CHECKOUT = new RegExp(
  String.raw`\bgh[ \t]+pr[ \t]+checkout\b|\bgit[ \t]+(?:fetch|checkout|switch|pull)\b[^\n;&|]*?(?:${PR_HEAD.source}|\bpull\/(?:\d|\$))`,
);

export const ciPullRequestTargetCheckout = defineWorkflowRule({
  id: 'ci-pull-request-target-checkout',
  guardrail: 'ci-hardened',
  title: 'Privileged workflow checks out pull request code',
  description:
    'A workflow triggered by `pull_request_target` or `workflow_run` (which run with the base repository\'s secrets and a write token) checks out the pull request\'s head: `actions/checkout` with a `ref` or `repository` taken from the pull request, or `gh pr checkout` / `git fetch` of it in a script. Any build file, script or local action in that code then runs with those privileges (a "pwn request"). actions/checkout v7 (backported to floating major tags on 2026-07-16) refuses fork heads by default, but not when pinned to an older SHA or with `allow-unsafe-pr-checkout: true`, and scripts bypass it.',
  provider: 'GitHub Actions',
  severity: 'high',
  confidence: 'medium',
  messages: {
    checkoutHead:
      'Job `{{job}}` runs on `{{trigger}}`, with the base repository\'s secrets and a write token, and checks out the pull request\'s code (`{{input}}: {{ref}}`): any script, build file or local action in it runs with those privileges. Build and test pull requests in a `pull_request` workflow without secrets, and hand results to a privileged `workflow_run` workflow as artifacts; never check out the pull request head here.',
    runCheckout:
      'Job `{{job}}` runs on `{{trigger}}`, with the base repository\'s secrets and a write token, and fetches the pull request\'s code in a script (`{{command}}`): anything in it that runs later has those privileges. Build and test pull requests in a `pull_request` workflow without secrets, and hand results to a privileged `workflow_run` workflow as artifacts.',
  },
  remediation: {
    text: 'Move building and testing of pull request code to a workflow triggered by `pull_request` (no secrets, read-only token). If a privileged step must follow, trigger it with `workflow_run` and pass data as artifacts that it treats as untrusted; never check out or run the pull request\'s code there.',
    pavedRoad: 'Pull requests are built by `pull_request` workflows only; `pull_request_target` is reserved for labelling and commenting without a checkout of the head.',
  },
  anchors: { zizmor: ['dangerous-triggers'], 'OpenSSF Scorecard': ['Dangerous-Workflow'], checkov: [] },
  references: [
    'https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/',
    'https://docs.github.com/en/actions/reference/security/securely-using-pull_request_target',
    'https://github.blog/changelog/2026-06-18-safer-pull_request_target-defaults-for-github-actions-checkout',
    'https://github.com/ossf/scorecard/blob/main/docs/checks.md#dangerous-workflow',
    'https://docs.zizmor.sh/audits/#dangerous-triggers',
  ],
  examples: {
    bad: [
      {
        text: `on:
  pull_request_target:
    types: [opened, synchronize]
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - run: npm ci && npm test
`,
        expect: [{ line: 12, messageId: 'checkoutHead' }],
      },
      {
        text: `on: [workflow_run]
permissions:
  contents: read
jobs:
  report:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          repository: \${{ github.event.workflow_run.head_repository.full_name }}
          ref: \${{ github.event.workflow_run.head_sha }}
`,
        expect: [{ line: 10, messageId: 'checkoutHead' }],
      },
      {
        text: `on: pull_request_target
permissions:
  contents: read
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: gh pr checkout \${{ github.event.pull_request.number }}
        env:
          GH_TOKEN: \${{ github.token }}
`,
        expect: [{ line: 9, messageId: 'runCheckout' }],
      },
    ],
    good: [
      {
        text: `on: pull_request_target
permissions:
  contents: read
  pull-requests: write
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0
      - uses: actions/labeler@634933edcd8ababfe52f92936142cc22ac488b1b # v6.0.1
`,
        why: '`pull_request_target` that checks out only the base branch (the default) to label the pull request',
      },
      {
        text: `on: pull_request
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0
        with:
          ref: \${{ github.event.pull_request.head.sha }}
`,
        why: 'a `pull_request` workflow: fork pull requests get no secrets and a read-only token',
      },
    ],
  },
  check(doc, ctx) {
    if (doc.kind !== 'workflow') return;
    const trigger = doc.triggers.find((t) => PRIVILEGED_TRIGGERS.includes(t.name));
    if (!trigger) return;
    for (const job of doc.jobs) {
      for (const step of job.steps) {
        if (usesAction(step.uses?.value, 'actions/checkout')) {
          const field = [input(step.with, 'repository'), input(step.with, 'ref')].find((f) => f && PR_HEAD.test(f.value ?? ''));
          if (field) {
            ctx.report({
              messageId: 'checkoutHead',
              at: pairSpan(field),
              subject: `${step.path}.with.${field.key.toLowerCase()}`,
              evidence: `on: ${trigger.name}; with.${field.key} = ${displayValue(field.value ?? '')}`,
              data: { job: job.id, trigger: trigger.name, input: field.key, ref: displayValue(field.value ?? '') },
            });
          }
        }
        const run = step.run;
        const m = run?.value ? RUN_CHECKOUT.exec(run.raw) : null;
        if (run && m) {
          const start = run.rawOffset + m.index;
          const command = /^gh/.test(m[0]) ? 'gh pr checkout' : `git ${m[0].split(/[ \t]+/)[1] ?? ''} of the pull request`;
          ctx.report({
            messageId: 'runCheckout',
            at: doc.spanOf(start, start + m[0].length),
            subject: `${step.path}.run`,
            evidence: `on: ${trigger.name}; run: ${command}`,
            data: { job: job.id, trigger: trigger.name, command },
          });
        }
      }
    }
  },
});
