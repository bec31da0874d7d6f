import { effectivePermissions, grantsWrite } from '../effective-permissions';
import type { EffectivePermissions } from '../effective-permissions';
import { usesAction } from '../uses-ref';
import { input, pairSpan } from '../workflow-document';
import type { Field, Step } from '../workflow-document';
import { defineWorkflowRule } from '../workflow-rule';

/** The input that makes each cloud's login action use OIDC, when the static-credential inputs are absent. */
function oidcInput(step: Step): { action: string; field: Field } | undefined {
  const uses = step.uses?.value;
  const has = (name: string) => (input(step.with, name)?.value ?? '').trim() !== '';
  if (usesAction(uses, 'aws-actions/configure-aws-credentials')) {
    // configure-aws-credentials uses OIDC only with role-to-assume and none of these (its src/index.ts).
    if (has('aws-access-key-id') || has('web-identity-token-file') || has('role-chaining')) return undefined;
    const field = input(step.with, 'role-to-assume');
    return field && has('role-to-assume') ? { action: 'aws-actions/configure-aws-credentials', field } : undefined;
  }
  if (usesAction(uses, 'google-github-actions/auth')) {
    if (has('credentials_json')) return undefined;
    const field = input(step.with, 'workload_identity_provider');
    return field && has('workload_identity_provider') ? { action: 'google-github-actions/auth', field } : undefined;
  }
  if (usesAction(uses, 'azure/login')) {
    // `auth-type: IDENTITY` is a managed identity on a self-hosted runner: no OIDC token involved.
    if ((input(step.with, 'auth-type')?.value ?? '').trim().toUpperCase() === 'IDENTITY') return undefined;
    const field = input(step.with, 'client-id');
    return field && has('client-id') ? { action: 'azure/login', field } : undefined;
  }
  return undefined;
}

function describe(p: EffectivePermissions, job: string): string {
  switch (p.source) {
    case 'job':
      return `job \`${job}\` has \`permissions:\` without \`id-token: write\``;
    case 'workflow':
      return `job \`${job}\` inherits the workflow's \`permissions:\`, which lack \`id-token: write\``;
    case 'default':
      return `neither job \`${job}\` nor the workflow declares \`permissions:\`, and the default token never has \`id-token: write\``;
    case 'caller':
      return `the calling job decides the permissions`;
  }
}

export const ciOidcPermissionMissing = defineWorkflowRule({
  id: 'ci-oidc-permission-missing',
  guardrail: 'no-long-lived-keys-in-ci',
  title: 'OIDC login without the id-token permission',
  description:
    'A step asks for OIDC (`role-to-assume`, `workload_identity_provider`, or azure/login `client-id`) but the job\'s effective permissions lack `id-token: write`, so GitHub issues no token: the step fails, or the action falls back to other credentials. Informational: it points at a half-finished move to OIDC. Composite actions and workflows that are only called (`workflow_call`) are skipped, since the caller sets the permissions. No mainstream workflow scanner has an equivalent; configure-aws-credentials logs a hint at run time.',
  provider: 'GitHub Actions',
  severity: 'info',
  confidence: 'high',
  messages: {
    noIdToken:
      '`{{action}}` sets `{{input}}` for OIDC, but {{permissions}}: GitHub will not issue the OIDC token and the step fails or falls back to other credentials. Add `permissions: id-token: write` (with `contents: read`) to the job or the workflow.',
  },
  remediation: {
    text: 'Add `id-token: write` to the job\'s `permissions:` (and list the other scopes it needs, such as `contents: read`, since declaring permissions sets every unlisted scope to none).',
    pavedRoad: 'Every deploy job declares `permissions: { contents: read, id-token: write }` and signs in with OIDC.',
  },
  anchors: { zizmor: [], actionlint: [], 'OpenSSF Scorecard': [], checkov: [] },
  references: [
    'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#adding-permissions-settings',
    'https://github.com/aws-actions/configure-aws-credentials#readme',
    'https://github.com/google-github-actions/auth#readme',
    'https://github.com/Azure/login#readme',
  ],
  examples: {
    bad: [
      {
        text: `on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/deploy
          aws-region: eu-west-1
`,
        expect: [{ line: 8, messageId: 'noIdToken' }],
      },
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
          workload_identity_provider: projects/1/locations/global/workloadIdentityPools/p/providers/gh
  login:
    runs-on: ubuntu-latest
    permissions: read-all
    steps:
      - uses: azure/login@v2
        with:
          client-id: \${{ vars.AZURE_CLIENT_ID }}
          tenant-id: \${{ vars.AZURE_TENANT_ID }}
          subscription-id: \${{ vars.AZURE_SUBSCRIPTION_ID }}
`,
        expect: [
          { line: 10, messageId: 'noIdToken' },
          { line: 17, messageId: 'noIdToken' },
        ],
      },
    ],
    good: [
      {
        text: `on: push
permissions:
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: aws-actions/configure-aws-credentials@7474bc4690e29a8392af63c5b98e7449536d5c3a # v4.3.1
        with:
          role-to-assume: arn:aws:iam::123456789012:role/deploy
          aws-region: eu-west-1
`,
        why: 'the job grants `id-token: write`',
      },
      {
        text: `on:
  workflow_call:
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@7474bc4690e29a8392af63c5b98e7449536d5c3a # v4.3.1
        with:
          role-to-assume: arn:aws:iam::123456789012:role/deploy
          aws-region: eu-west-1
`,
        why: 'a reusable workflow: the calling job sets the permissions, which this file cannot see',
      },
      {
        text: `on: push
permissions: write-all
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: google-github-actions/auth@7c6bc770dae815cd3e89ee6cdf493a5fab2cc093 # v3.0.0
        with:
          workload_identity_provider: projects/1/locations/global/workloadIdentityPools/p/providers/gh
`,
        why: '`write-all` includes `id-token: write` (ci-permissions reports the `write-all`)',
      },
    ],
  },
  check(doc, ctx) {
    if (doc.kind !== 'workflow') return;
    for (const job of doc.jobs) {
      const permissions = effectivePermissions(doc, job);
      if (permissions.source === 'caller' || grantsWrite(permissions.block, 'id-token')) continue;
      for (const step of job.steps) {
        const oidc = oidcInput(step);
        if (!oidc) continue;
        ctx.report({
          messageId: 'noIdToken',
          at: pairSpan(oidc.field),
          subject: `${step.path}.with.${oidc.field.key.toLowerCase()}`,
          evidence: `with.${oidc.field.key} without id-token: write (${permissions.source} permissions)`,
          data: { action: oidc.action, input: oidc.field.key, permissions: describe(permissions, job.id) },
        });
      }
    }
  },
});
