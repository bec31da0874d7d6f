import { ALPHABETS, fakeSecret } from '../../secrets/fake-secret';
import { displayValue, originPhrase, originSeverity, shellWordOrigin, valueOrigin } from '../credential-value';
import type { ValueOrigin } from '../credential-value';
import { parseUses, usesAction } from '../uses-ref';
import type { Field } from '../workflow-document';
import { defineWorkflowRule } from '../workflow-rule';
import { envCredentialReports, inputCredentialReport } from '../input-credential-report';
import { allSteps } from '../workflow-walk';

// Entra client secrets have a `Q~` at position 4 (gitleaks azure-ad-client-secret); generated, never written out.
const clientSecret = `${fakeSecret('ci-az-1', ALPHABETS.alnum, 3)}8Q~${fakeSecret('ci-az-2', ALPHABETS.alnum, 34)}`;

const SECRET_VARIABLES = ['ARM_CLIENT_SECRET', 'AZURE_CLIENT_SECRET'];
// One `az login` command, continuation lines included.
const AZ_LOGIN = /\baz[ \t]+login\b(?:\\\r?\n|[^\n;&|])*/g;
const PASSWORD = /(?:^|\s)(?:-p|--password|--client-secret)(?:[ \t]+|=)(?<word>\$\{\{[^}\n]*\}\}\S*|"[^"\n]*"|'[^'\n]*'|[^\s;&|"']+)/;
const CREDS_SECRET = /"clientSecret"\s*:\s*"([^"]*)"/;

/** `creds` is a JSON document; when it spells out `clientSecret`, that value decides where the secret comes from. */
function credsOrigin(field: Field): ValueOrigin {
  const value = field.value ?? '';
  const m = CREDS_SECRET.exec(value);
  return m ? valueOrigin(m[1] ?? '') : valueOrigin(value);
}

export const ciAzureClientSecret = defineWorkflowRule({
  id: 'ci-azure-client-secret',
  guardrail: 'no-long-lived-keys-in-ci',
  title: 'CI signs in to Azure with a client secret or publish profile',
  description:
    'A workflow or composite action authenticates to Azure with a long-lived secret: `azure/login` with `creds` (a service principal secret), `ARM_CLIENT_SECRET`/`AZURE_CLIENT_SECRET` in `env`, `az login --service-principal` with a password, or a web app publish profile. A secret in GitHub secrets is `high`; a secret written in the file is `critical`. No mainstream workflow scanner (zizmor, actionlint, OpenSSF Scorecard, checkov) has an equivalent; the literal secret itself is also reported by `azure-entra-client-secret`.',
  provider: 'Azure',
  severity: 'high',
  confidence: 'high',
  messages: {
    loginCreds:
      '`{{action}}` signs in with a service principal secret (`creds` {{origin}}), a long-lived credential that works from anywhere until it expires. Use OIDC instead: set `client-id`, `tenant-id` and `subscription-id` instead of `creds`, grant `permissions: id-token: write`, add a federated credential for this repository to the app registration, then delete the client secret.',
    envSecret:
      'The `env` of {{scope}} sets {{inputs}} {{origin}}: a long-lived Entra client secret. Use OIDC instead: for Terraform set `ARM_USE_OIDC: true` with `ARM_CLIENT_ID`, `ARM_TENANT_ID` and `ARM_SUBSCRIPTION_ID`, otherwise `azure/login` with `client-id`, `tenant-id` and `subscription-id`; grant `permissions: id-token: write`, add a federated credential to the app registration, then delete the secret.',
    cliPassword:
      'This `run` step signs in with `az login --service-principal` and a client secret ({{origin}}). Use OIDC instead: `azure/login` with `client-id`, `tenant-id` and `subscription-id` and `permissions: id-token: write` (or `az login --federated-token`), a federated credential on the app registration, then delete the secret.',
    publishProfile:
      '`{{action}}` deploys with a publish profile (`publish-profile` {{origin}}), which holds long-lived deployment credentials. Sign in first with `azure/login` using `client-id`, `tenant-id` and `subscription-id` and `permissions: id-token: write` (a federated credential on the app registration), drop `publish-profile`, then reset the publish profile.',
  },
  remediation: {
    text: 'Add a federated identity credential for this repository (and branch or environment) to the app registration or user-assigned managed identity, grant the job `permissions: id-token: write`, and use `azure/login` with `client-id`, `tenant-id` and `subscription-id` (Terraform: `ARM_USE_OIDC: true`). Then delete the client secret or reset the publish profile, and remove the stored secret.',
    pavedRoad: 'CI reaches Azure only through OIDC federated credentials (`client-id` / `tenant-id` / `subscription-id`). No client secrets or publish profiles in pipelines.',
  },
  anchors: { zizmor: [], actionlint: [], 'OpenSSF Scorecard': [], checkov: [] },
  references: [
    'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-azure',
    'https://github.com/Azure/login#readme',
    'https://github.com/Azure/webapps-deploy#readme',
    'https://learn.microsoft.com/en-us/azure/developer/github/connect-from-azure-openid-connect',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/guides/service_principal_oidc',
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
      - uses: azure/login@v2
        with:
          creds: \${{ secrets.AZURE_CREDENTIALS }}
      - uses: Azure/login@v2
        with:
          creds: '{"clientId": "00000000-0000-0000-0000-000000000000", "clientSecret": "${clientSecret}", "tenantId": "00000000-0000-0000-0000-000000000000"}'
`,
        expect: [
          { line: 10, messageId: 'loginCreds' },
          { line: 13, messageId: 'loginCreds' },
        ],
      },
      {
        text: `on: push
permissions: {}
jobs:
  plan:
    runs-on: ubuntu-latest
    env:
      ARM_CLIENT_ID: \${{ vars.ARM_CLIENT_ID }}
      ARM_CLIENT_SECRET: \${{ secrets.ARM_CLIENT_SECRET }}
    steps:
      - run: terraform plan
`,
        expect: [{ line: 8, messageId: 'envSecret' }],
      },
      {
        text: `on: push
permissions: {}
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: |
          az login --service-principal -u "$CLIENT_ID" \\
            -p \${{ secrets.AZURE_CLIENT_SECRET }} --tenant "$TENANT_ID"
`,
        expect: [{ line: 8, messageId: 'cliPassword' }],
      },
      {
        text: `on: push
permissions: {}
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: azure/webapps-deploy@v3
        with:
          app-name: my-app
          publish-profile: \${{ secrets.AZURE_WEBAPP_PUBLISH_PROFILE }}
`,
        expect: [{ line: 10, messageId: 'publishProfile' }],
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
      - uses: azure/login@a457da9ea143d694b1b9c7c869ebb04ebe844ef5 # v2.3.0
        with:
          client-id: \${{ vars.AZURE_CLIENT_ID }}
          tenant-id: \${{ vars.AZURE_TENANT_ID }}
          subscription-id: \${{ vars.AZURE_SUBSCRIPTION_ID }}
      - uses: azure/webapps-deploy@2fdd5c3ebb4e540834e86ecc1f6fdcd5539023ee # v3.0.2
        with:
          app-name: my-app
`,
        why: 'OIDC with `client-id`/`tenant-id`/`subscription-id`, and a deployment that relies on that sign-in',
      },
      {
        text: `on: push
permissions:
  id-token: write
jobs:
  plan:
    runs-on: ubuntu-latest
    env:
      ARM_USE_OIDC: "true"
      ARM_CLIENT_ID: \${{ vars.ARM_CLIENT_ID }}
      ARM_TENANT_ID: \${{ vars.ARM_TENANT_ID }}
    steps:
      - run: az login --service-principal -u "$ARM_CLIENT_ID" --tenant "$ARM_TENANT_ID" --federated-token "$TOKEN"
`,
        why: 'Terraform with `ARM_USE_OIDC`, and `az login` with a federated token instead of a password',
      },
    ],
  },
  check(doc, ctx) {
    for (const { step } of allSteps(doc)) {
      const uses = step.uses?.value;
      // Z1: azure/login with creds (a service principal secret, often as a JSON document).
      if (usesAction(uses, 'azure/login')) {
        const r = inputCredentialReport(step, 'creds', 'loginCreds', (origin) => ({ action: 'azure/login', origin }), credsOrigin);
        if (r) ctx.report(r);
      }
      // Z4: publish profiles (webapps-deploy; functions-action takes the same input).
      if (usesAction(uses, 'azure/webapps-deploy', 'azure/functions-action')) {
        const ref = parseUses(uses ?? '');
        const r = ref.kind === 'remote' ? inputCredentialReport(step, 'publish-profile', 'publishProfile', (origin) => ({ action: `${ref.owner}/${ref.repo}`, origin })) : undefined;
        if (r) ctx.report(r);
      }
      // Z3: az login --service-principal with a password (not --federated-token).
      const run = step.run;
      if (run?.value) {
        for (const m of run.raw.matchAll(AZ_LOGIN)) {
          const command = m[0];
          if (!/--service-principal\b/.test(command) || /--federated-token\b/.test(command)) continue;
          const word = PASSWORD.exec(command)?.groups?.word;
          if (word === undefined) continue;
          const origin = shellWordOrigin(word);
          const severity = originSeverity(origin);
          if (!severity) continue;
          const start = run.rawOffset + (m.index ?? 0);
          ctx.report({
            messageId: 'cliPassword',
            at: doc.spanOf(start, start + command.trimEnd().length),
            subject: `${step.path}.run`,
            evidence: `run: az login --service-principal --password ${displayValue(word)}`,
            severity,
            data: { origin: originPhrase(origin, word) },
            properties: { valueOrigin: origin },
          });
          break;
        }
      }
    }
    // Z2: client secrets in environment variables, at any level.
    for (const r of envCredentialReports(doc, SECRET_VARIABLES, 'envSecret')) ctx.report(r);
  },
});
