import { parseUses, usesAction } from '../uses-ref';
import { defineWorkflowRule } from '../workflow-rule';
import { envCredentialReports, inputCredentialReport } from '../input-credential-report';
import { allSteps } from '../workflow-walk';

/** Variables that hold a service account key JSON (G3): Terraform's google provider reads GOOGLE_CREDENTIALS. */
const KEY_VARIABLES = ['GOOGLE_CREDENTIALS', 'GOOGLE_APPLICATION_CREDENTIALS_JSON', 'GCP_SA_KEY', 'GCLOUD_SERVICE_KEY'];
// `gcloud auth activate-service-account ... --key-file`, within one command (continuation lines allowed).
const ACTIVATE = /\bgcloud[ \t]+auth[ \t]+activate-service-account\b(?:\\\r?\n|[^\n;&|])*?--key-file\b/;

export const ciGcpServiceAccountKey = defineWorkflowRule({
  id: 'ci-gcp-service-account-key',
  guardrail: 'no-long-lived-keys-in-ci',
  title: 'CI signs in to Google Cloud with a service account key',
  description:
    'A workflow or composite action authenticates to Google Cloud with a service account key JSON: `google-github-actions/auth` with `credentials_json`, the legacy `setup-gcloud` `service_account_key` input, a key in `GOOGLE_CREDENTIALS`-style variables, or `gcloud auth activate-service-account --key-file`. The google-github-actions/auth README calls these keys long-lived credentials to be treated like a password. A key in secrets is `high`; a key written in the file is `critical`. No mainstream workflow scanner (zizmor, actionlint, OpenSSF Scorecard, checkov) has an equivalent; a key JSON itself is also reported by `gcp-service-account-key`.',
  provider: 'GCP',
  severity: 'high',
  confidence: 'high',
  messages: {
    authKey:
      '`{{action}}` authenticates with a service account key JSON (`credentials_json` {{origin}}), a long-lived credential that works from anywhere until the key is deleted. Use Workload Identity Federation instead: grant `permissions: id-token: write`, set `workload_identity_provider` and `service_account`, remove `credentials_json`, then delete the key.',
    setupGcloudKey:
      '`{{action}}@{{ref}}` authenticates with a service account key (`service_account_key` {{origin}}), an input only the deprecated setup-gcloud v0 accepted. Authenticate first with `google-github-actions/auth` using `workload_identity_provider` and `service_account` and `permissions: id-token: write`, upgrade setup-gcloud, then delete the key.',
    envKey:
      'The `env` of {{scope}} sets {{inputs}} {{origin}}: a service account key JSON that gcloud, the client libraries or Terraform read. Use Workload Identity Federation instead: `google-github-actions/auth` with `workload_identity_provider` and `service_account` and `permissions: id-token: write` (it exports credentials for later steps), then delete the key.',
    activateServiceAccount:
      'This `run` step signs gcloud in with a service account key file (`gcloud auth activate-service-account --key-file`). Use Workload Identity Federation instead: run `google-github-actions/auth` with `workload_identity_provider` and `service_account` and `permissions: id-token: write` before this step, drop the key file, then delete the key.',
  },
  remediation: {
    text: 'Create a workload identity pool and provider for `https://token.actions.githubusercontent.com` with an attribute condition on this repository, let the provider impersonate the service account, grant the job `permissions: id-token: write` and use `google-github-actions/auth` with `workload_identity_provider` and `service_account`. Then delete the service account key and the stored secret.',
    pavedRoad: 'CI reaches Google Cloud only through Workload Identity Federation (`workload_identity_provider`). Service account keys are disabled by organisation policy.',
  },
  anchors: { zizmor: [], actionlint: [], 'OpenSSF Scorecard': [], checkov: [] },
  references: [
    'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-google-cloud-platform',
    'https://github.com/google-github-actions/auth#readme',
    'https://github.com/google-github-actions/setup-gcloud#readme',
    'https://cloud.google.com/iam/docs/workload-identity-federation-with-deployment-pipelines',
  ],
  examples: {
    bad: [
      {
        text: `on: push
permissions:
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: google-github-actions/auth@v2
        with:
          credentials_json: \${{ secrets.GCP_SA_KEY }}
`,
        expect: [{ line: 10, messageId: 'authKey' }],
      },
      {
        text: `on: push
permissions: {}
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: google-github-actions/setup-gcloud@v0.2.1
        with:
          service_account_key: \${{ secrets.GCLOUD_KEY }}
          export_default_credentials: true
`,
        expect: [{ line: 9, messageId: 'setupGcloudKey' }],
      },
      {
        text: `on: push
permissions: {}
env:
  GOOGLE_CREDENTIALS: \${{ secrets.GOOGLE_CREDENTIALS }}
jobs:
  plan:
    runs-on: ubuntu-latest
    steps:
      - run: terraform plan
        env:
          GCP_SA_KEY: '{"type": "service_account", "project_id": "demo"}'
`,
        expect: [
          { line: 4, messageId: 'envKey' },
          { line: 11, messageId: 'envKey' },
        ],
      },
      {
        text: `on: push
permissions: {}
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "$KEY" > key.json
          gcloud auth activate-service-account deployer@demo.iam.gserviceaccount.com \\
            --key-file=key.json
        env:
          KEY: \${{ secrets.GCP_KEY }}
`,
        expect: [{ line: 9, messageId: 'activateServiceAccount' }],
      },
    ],
    good: [
      {
        text: `on: push
permissions:
  contents: read
  id-token: write
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - id: auth
        uses: google-github-actions/auth@7c6bc770dae815cd3e89ee6cdf493a5fab2cc093 # v3.0.0
        with:
          workload_identity_provider: projects/123456789/locations/global/workloadIdentityPools/github/providers/my-repo
          service_account: deployer@demo.iam.gserviceaccount.com
      - run: terraform plan
        env:
          GOOGLE_CREDENTIALS: \${{ steps.auth.outputs.credentials_file_path }}
`,
        why: 'Workload Identity Federation, and GOOGLE_CREDENTIALS pointing at the short-lived credentials file the auth step wrote',
      },
      {
        text: `on: push
permissions: {}
jobs:
  login:
    runs-on: ubuntu-latest
    steps:
      - run: gcloud auth login --cred-file="$GOOGLE_GHA_CREDS_PATH"
`,
        why: 'gcloud signed in from the federated credentials file, not `activate-service-account --key-file`',
      },
    ],
  },
  check(doc, ctx) {
    for (const { step } of allSteps(doc)) {
      const uses = step.uses?.value;
      // G1: google-github-actions/auth with credentials_json.
      if (usesAction(uses, 'google-github-actions/auth')) {
        const r = inputCredentialReport(step, 'credentials_json', 'authKey', (origin) => ({ action: 'google-github-actions/auth', origin }));
        if (r) ctx.report(r);
      }
      // G2: legacy setup-gcloud (v0, or the old GoogleCloudPlatform/github-actions path) with service_account_key.
      if (usesAction(uses, 'google-github-actions/setup-gcloud', 'GoogleCloudPlatform/github-actions/setup-gcloud')) {
        const ref = parseUses(uses ?? '');
        const r =
          ref.kind === 'remote'
            ? inputCredentialReport(step, 'service_account_key', 'setupGcloudKey', (origin) => ({ action: `${ref.owner}/${ref.repo}${ref.subpath}`, ref: ref.ref ?? '(no ref)', origin }))
            : undefined;
        if (r) ctx.report(r);
      }
      // G4: gcloud auth activate-service-account --key-file.
      const run = step.run;
      if (run?.value) {
        const m = ACTIVATE.exec(run.raw);
        if (m) {
          const start = run.rawOffset + m.index;
          ctx.report({
            messageId: 'activateServiceAccount',
            at: doc.spanOf(start, start + m[0].length),
            subject: `${step.path}.run`,
            evidence: 'run: gcloud auth activate-service-account --key-file',
          });
        }
      }
    }
    // G3: key JSON in environment variables, at any level.
    for (const r of envCredentialReports(doc, KEY_VARIABLES, 'envKey')) ctx.report(r);
  },
});
