import { defineWorkflowRule } from '../workflow-rule';

// Expression function names are case-insensitive (`toJSON`, `toJson`).
const ALL_SECRETS = /\btojson\s*\(\s*secrets\s*\)/gi;

export const ciSecretsExposed = defineWorkflowRule({
  id: 'ci-secrets-exposed',
  guardrail: 'ci-hardened',
  title: 'Workflow exposes all secrets at once',
  description:
    'An expression serialises every secret with `toJSON(secrets)`, or a job passes `secrets: inherit` to a reusable workflow. Either hands all the repository\'s and organisation\'s secrets, cloud keys included, to code that needs a few; one leak or compromised step then exposes them all.',
  provider: 'GitHub Actions',
  severity: 'medium',
  confidence: 'high',
  messages: {
    allSecretsJson:
      '`{{expression}}` puts every secret available to this workflow into one value: a single log line, artifact or compromised step then exposes all of them, and GitHub masks only exact registered values, not a JSON document\'s reformatted lines. Pass only the secrets the step needs, each as `${{ secrets.NAME }}`.',
    inherit:
      'Job `{{job}}` passes `secrets: inherit` to `{{workflow}}`: the called workflow receives every secret of this repository and organisation, including keys it never uses. List the secrets it needs under `secrets:` instead.',
  },
  remediation: {
    text: 'Replace `toJSON(secrets)` with the individual `${{ secrets.NAME }}` values the step uses, and `secrets: inherit` with an explicit `secrets:` map of what the reusable workflow declares.',
    pavedRoad: 'Steps and reusable workflows receive only the secrets they name; cloud access comes from OIDC, not secrets.',
  },
  anchors: { zizmor: ['overprovisioned-secrets', 'secrets-inherit'], 'OpenSSF Scorecard': [], checkov: [] },
  references: [
    'https://docs.zizmor.sh/audits/#overprovisioned-secrets',
    'https://docs.zizmor.sh/audits/#secrets-inherit',
    'https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-secrets',
    'https://docs.github.com/en/actions/sharing-automations/reusing-workflows#passing-inputs-and-secrets-to-a-reusable-workflow',
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
      - run: ./build.sh
        env:
          ALL_SECRETS: \${{ toJSON(secrets) }}
      - run: echo '\${{ toJson( secrets ) }}' | jq -r .NPM_TOKEN > .npmrc
  deploy:
    uses: ./.github/workflows/deploy.yml
    secrets: inherit
`,
        expect: [
          { line: 10, messageId: 'allSecretsJson' },
          { line: 11, messageId: 'allSecretsJson' },
          { line: 14, messageId: 'inherit' },
        ],
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
      - run: ./build.sh
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
          EVENT: \${{ toJSON(github.event) }}
  deploy:
    uses: ./.github/workflows/deploy.yml
    secrets:
      DEPLOY_KEY: \${{ secrets.DEPLOY_KEY }}
`,
        why: 'secrets passed one by one, and `toJSON` of a context that is not `secrets`',
      },
    ],
  },
  check(doc, ctx) {
    for (const scalar of doc.scalars) {
      let occurrence = 0;
      for (const m of scalar.raw.matchAll(ALL_SECRETS)) {
        const start = scalar.rawOffset + (m.index ?? 0);
        ctx.report({
          messageId: 'allSecretsJson',
          at: doc.spanOf(start, start + m[0].length),
          subject: `${scalar.path}#${++occurrence}`,
          evidence: `${scalar.path}: ${m[0]}`,
          data: { expression: m[0] },
        });
      }
    }
    for (const job of doc.jobs) {
      if (job.secrets?.scalar?.trim() !== 'inherit') continue;
      ctx.report({
        messageId: 'inherit',
        at: job.secrets.valueAt,
        subject: `${job.path}.secrets`,
        evidence: `${job.path}.secrets: inherit`,
        data: { job: job.id, workflow: job.uses?.value ?? 'the called workflow' },
      });
    }
  },
});
