import { ALPHABETS, fakeSecret } from '../../secrets/fake-secret';
import {
  assessCredential,
  compareOrigin,
  displayValue,
  fieldNames,
  fieldsEvidence,
  originPhrase,
  originSeverity,
  shellWordOrigin,
  valueOrigin,
} from '../credential-value';
import { parseUses, usesAction } from '../uses-ref';
import { entry, input, pairSpan } from '../workflow-document';
import type { Field, Span } from '../workflow-document';
import { defineWorkflowRule } from '../workflow-rule';
import type { WorkflowReport } from '../workflow-rule';
import { allSteps, envBlocks } from '../workflow-walk';

// Test keys are generated, never written out, so this file does not trip secret scanners.
const keyId = 'AKIA' + fakeSecret('ci-aws-1', ALPHABETS.base32, 16);
const secretKey = fakeSecret('ci-aws-2', ALPHABETS.base64, 40);

const ECR_REGISTRY = /\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\b|^public\.ecr\.aws\b/i;
const AWS_KEY_NAME = /AWS_(?:ACCESS_KEY_ID|SECRET_ACCESS_KEY)/i;
// `aws configure set [--profile p] [profile.]aws_access_key_id VALUE`, and credentials-file lines
// (`aws_secret_access_key = VALUE` written with echo or a heredoc). The value is the next shell word.
const WORD = String.raw`\$\{\{[^}\n]*\}\}[^\s;&|"']*|"[^"\n]*"|'[^'\n]*'|[^\s;&|"']+`;
const CLI_KEY = new RegExp(
  String.raw`\baws[ \t]+configure[ \t]+set[ \t]+(?:--[\w-]+[ \t]+(?!-)\S+[ \t]+)*(?:[\w-]+\.)*(?<name>aws_access_key_id|aws_secret_access_key)(?:[ \t]+(?<value>${WORD}))?` +
    String.raw`|\b(?<file>aws_access_key_id|aws_secret_access_key)[ \t]*=[ \t]*(?<fileValue>${WORD})?`,
  'g',
);
const CLI_SESSION = /\baws_session_token\b/;
// Key lines count only in scripts that write the CLI's credentials file, not in code that names the keys.
const CREDENTIALS_FILE = /\.aws\/credentials\b|\bAWS_SHARED_CREDENTIALS_FILE\b/;

export const ciAwsStaticKeys = defineWorkflowRule({
  id: 'ci-aws-static-keys',
  guardrail: 'no-long-lived-keys-in-ci',
  title: 'CI signs in to AWS with a long-lived access key',
  description:
    'A workflow or composite action authenticates to AWS with an IAM user access key: `aws-actions/configure-aws-credentials` with `aws-access-key-id`, `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` in `env`, `docker/login-action` to ECR with the keys, `aws configure set` in a script, or the keys passed to a reusable workflow. A key in secrets is `high`; a key written in the file is `critical`. Values produced earlier in the run (`steps.*.outputs`) are not reported. No mainstream workflow scanner (zizmor, actionlint, OpenSSF Scorecard, checkov) has an equivalent; the literal key itself is also reported by `aws-access-key-id`.',
  provider: 'AWS',
  severity: 'high',
  confidence: 'high',
  messages: {
    actionKeys:
      '`{{action}}` signs in with a long-lived IAM user access key ({{inputs}} {{origin}}); whoever obtains the key can use it from anywhere until it is rotated. Use OIDC instead: grant `permissions: id-token: write`, remove the key inputs, set `role-to-assume` to a role that trusts token.actions.githubusercontent.com, then delete the key.',
    envKeys:
      'The `env` of {{scope}} sets {{inputs}} {{origin}}: every AWS CLI and SDK call in scope uses this long-lived IAM user key. Use OIDC instead: grant `permissions: id-token: write`, run `aws-actions/configure-aws-credentials` with `role-to-assume`, remove the variables, then delete the key.',
    sessionKeys:
      '{{where}} passes AWS keys together with a session token ({{inputs}} {{origin}}): temporary credentials handed on from elsewhere. Assume the role in this job with OIDC instead (`permissions: id-token: write` and `role-to-assume`), so no credentials are passed around.',
    ecrLogin:
      '`{{action}}` logs in to Amazon ECR with an IAM user access key as username and password ({{inputs}} {{origin}}). Use OIDC instead: grant `permissions: id-token: write`, run `aws-actions/configure-aws-credentials` with `role-to-assume`, then `aws-actions/amazon-ecr-login` (or docker/login-action without username and password), and delete the key.',
    cliConfigure:
      'This `run` step writes an IAM user access key into the AWS CLI configuration (`{{command}}`, {{origin}}). Use OIDC instead: grant `permissions: id-token: write`, run `aws-actions/configure-aws-credentials` with `role-to-assume` before this step, drop the key lines, then delete the key.',
    reusableSecrets:
      'Job `{{job}}` passes AWS access keys to the reusable workflow `{{workflow}}` ({{inputs}} {{origin}}). Authenticate inside the called workflow with OIDC instead: grant this job `permissions: id-token: write` and use `role-to-assume` there, then delete the key.',
  },
  remediation: {
    text: 'Create an IAM role that trusts GitHub\'s OIDC provider (`token.actions.githubusercontent.com`, `aud` = `sts.amazonaws.com`, `sub` pinned to this repository), grant the job `permissions: id-token: write`, use `aws-actions/configure-aws-credentials` with `role-to-assume` and no key inputs, then deactivate and delete the IAM user\'s access key and the stored secret.',
    pavedRoad: 'CI reaches AWS only through OIDC: `permissions: id-token: write` + `role-to-assume`. No IAM users for pipelines.',
  },
  anchors: { zizmor: [], actionlint: [], 'OpenSSF Scorecard': [], checkov: [] },
  references: [
    'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services',
    'https://github.com/aws-actions/configure-aws-credentials#readme',
    'https://github.com/docker/login-action#aws-elastic-container-registry-ecr',
    'https://github.com/aws-actions/amazon-ecr-login#readme',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html',
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
      - id: configure-aws
        uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}
          aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
          aws-region: eu-west-1
`,
        expect: [{ line: 11, messageId: 'actionKeys' }],
      },
      {
        text: `on: push
permissions: {}
env:
  AWS_ACCESS_KEY_ID: \${{ secrets.AWS_ACCESS_KEY_ID }}
  AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
jobs:
  plan:
    runs-on: ubuntu-latest
    env:
      AWS_SECRET_ACCESS_KEY: "${secretKey}"
    steps:
      - run: terraform plan
        env:
          AWS_ACCESS_KEY_ID: \${{ vars.AWS_KEY_ID }}
`,
        expect: [
          { line: 4, messageId: 'envKeys' },
          { line: 10, messageId: 'envKeys' },
          { line: 14, messageId: 'envKeys' },
        ],
      },
      {
        text: `on: push
permissions: {}
jobs:
  push:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/login-action@v3
        with:
          registry: 123456789012.dkr.ecr.eu-west-1.amazonaws.com
          username: \${{ secrets.AWS_ACCESS_KEY_ID }}
          password: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
`,
        expect: [{ line: 10, messageId: 'ecrLogin' }],
      },
      {
        text: `on: push
permissions: {}
jobs:
  sync:
    runs-on: ubuntu-latest
    steps:
      - name: Configure the CLI
        run: |
          aws configure set region eu-west-1
          aws configure set aws_access_key_id \${{ secrets.AWS_KEY }}
          aws configure set aws_secret_access_key "$AWS_SECRET"
      - run: |
          mkdir -p ~/.aws
          echo "aws_access_key_id = ${keyId}" >> ~/.aws/credentials
`,
        expect: [
          { line: 10, messageId: 'cliConfigure' },
          { line: 14, messageId: 'cliConfigure' },
        ],
      },
      {
        text: `on: push
permissions: {}
jobs:
  release:
    uses: my-org/pipelines/.github/workflows/release.yml@0123456789abcdef0123456789abcdef01234567
    secrets:
      AWS_ACCESS_KEY_ID: \${{ secrets.AWS_ACCESS_KEY_ID }}
      REGISTRY_PASSWORD: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
`,
        expect: [{ line: 7, messageId: 'reusableSecrets' }],
      },
      {
        path: '.github/actions/deploy/action.yml',
        text: `name: Deploy
inputs:
  aws-access-key-id: { required: true }
runs:
  using: composite
  steps:
    - uses: aws-actions/configure-aws-credentials@v4
      with:
        aws-access-key-id: \${{ inputs.aws-access-key-id }}
        aws-secret-access-key: ${secretKey}
        aws-region: us-east-1
`,
        expect: [{ line: 9, messageId: 'actionKeys' }],
      },
      {
        text: `on: push
permissions: {}
jobs:
  copy:
    runs-on: ubuntu-latest
    steps:
      - run: aws s3 cp out s3://bucket --recursive
        env:
          AWS_ACCESS_KEY_ID: \${{ secrets.TEMP_KEY_ID }}
          AWS_SECRET_ACCESS_KEY: \${{ secrets.TEMP_SECRET }}
          AWS_SESSION_TOKEN: \${{ secrets.TEMP_SESSION }}
`,
        expect: [{ line: 9, messageId: 'sessionKeys' }],
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
      - uses: aws-actions/configure-aws-credentials@7474bc4690e29a8392af63c5b98e7449536d5c3a # v4.3.1
        with:
          role-to-assume: arn:aws:iam::123456789012:role/deploy
          aws-region: eu-west-1
`,
        why: 'OIDC: `role-to-assume` with `id-token: write`, the paved road',
      },
      {
        text: `on: push
permissions: {}
jobs:
  copy:
    runs-on: ubuntu-latest
    steps:
      - id: creds
        run: ./assume-role.sh
      - run: aws s3 ls
        env:
          AWS_ACCESS_KEY_ID: \${{ steps.creds.outputs.access-key-id }}
          AWS_SECRET_ACCESS_KEY: \${{ steps.creds.outputs.secret-access-key }}
`,
        why: 'keys produced earlier in the run (step outputs) are short-lived credentials, not stored ones',
      },
      {
        text: `on: push
permissions: {}
jobs:
  push:
    runs-on: ubuntu-latest
    steps:
      - id: ecr
        run: echo "password=$(aws ecr get-login-password)" >> "$GITHUB_OUTPUT"
      - uses: docker/login-action@184bdaa0721073962dff0199f1fb9940f07167d1 # v3.5.0
        with:
          registry: 123456789012.dkr.ecr.eu-west-1.amazonaws.com
          username: AWS
          password: \${{ steps.ecr.outputs.password }}
`,
        why: 'ECR login with the username `AWS` and a 12-hour ECR token, not an access key',
      },
      {
        text: `on: push
permissions: {}
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      AWS_ACCESS_KEY_ID: ""
      AWS_SECRET_ACCESS_KEY: ~
      AWS_REGION: eu-west-1
    steps:
      - run: aws configure set region eu-west-1
`,
        why: 'empty or null key variables, and `aws configure set` of a setting that is not a key',
      },
    ],
  },
  check(doc, ctx) {
    for (const { step } of allSteps(doc)) {
      const uses = step.uses?.value;
      // A1: configure-aws-credentials with key inputs (IAM user, or AssumeRole with static IAM credentials).
      if (usesAction(uses, 'aws-actions/configure-aws-credentials')) {
        const keys = [input(step.with, 'aws-access-key-id'), input(step.with, 'aws-secret-access-key')];
        const a = assessCredential(keys);
        if (a) {
          const session = input(step.with, 'aws-session-token');
          const temporary = session !== undefined && valueOrigin(session.value ?? '') !== 'empty' && a.origin !== 'literal';
          ctx.report({
            messageId: temporary ? 'sessionKeys' : 'actionKeys',
            at: pairSpan(a.field),
            subject: `${step.path}.with.${a.field.key.toLowerCase()}`,
            evidence: fieldsEvidence('with.', a.fields),
            severity: temporary ? 'low' : a.severity,
            data: { action: actionName(uses), where: `\`${actionName(uses)}\``, inputs: fieldNames(a.fields), origin: originPhrase(a.origin, a.originValue) },
            properties: { valueOrigin: a.origin },
          });
        }
      }
      // A4: docker/login-action to ECR with the keys as username and password (`AWS` + ECR token is fine).
      if (usesAction(uses, 'docker/login-action')) {
        const registry = input(step.with, 'registry')?.value ?? '';
        const username = input(step.with, 'username');
        const password = input(step.with, 'password');
        const namesKeys = [username, password].some((f) => AWS_KEY_NAME.test(f?.value ?? ''));
        const ecr = ECR_REGISTRY.test(registry.trim());
        const userIsKey = username !== undefined && username.value?.trim().toUpperCase() !== 'AWS';
        if ((ecr && userIsKey) || namesKeys) {
          const a = assessCredential(userIsKey ? [username, password] : [password]);
          if (a) {
            ctx.report({
              messageId: 'ecrLogin',
              at: pairSpan(a.field),
              subject: `${step.path}.with.${a.field.key.toLowerCase()}`,
              evidence: fieldsEvidence('with.', a.fields),
              severity: a.severity,
              data: { action: actionName(uses), inputs: fieldNames(a.fields), origin: originPhrase(a.origin, a.originValue) },
              properties: { valueOrigin: a.origin },
            });
          }
        }
      }
      // A5: `aws configure set aws_access_key_id ...` or a credentials file written in a script.
      const cli = step.run?.value ? cliKeys(step.run, step.path, doc.spanOf) : undefined;
      if (cli) ctx.report(cli);
    }
    // A2: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in env at workflow, job or step level.
    for (const block of envBlocks(doc)) {
      const a = assessCredential([entry(block.env, 'AWS_ACCESS_KEY_ID'), entry(block.env, 'AWS_SECRET_ACCESS_KEY')]);
      if (!a) continue;
      const session = entry(block.env, 'AWS_SESSION_TOKEN');
      const temporary = session !== undefined && valueOrigin(session.value ?? '') !== 'empty' && a.origin !== 'literal';
      ctx.report({
        messageId: temporary ? 'sessionKeys' : 'envKeys',
        at: pairSpan(a.field),
        subject: `${block.path}.${a.field.key}`,
        evidence: fieldsEvidence('env.', a.fields),
        severity: temporary ? 'low' : a.severity,
        data: { scope: block.scope, where: `The \`env\` of ${block.scope}`, inputs: fieldNames(a.fields), origin: originPhrase(a.origin, a.originValue) },
        properties: { valueOrigin: a.origin },
      });
    }
    // A6: AWS keys passed as secrets to a reusable workflow.
    for (const job of doc.jobs) {
      if (!job.uses || !job.secrets) continue;
      const keys = job.secrets.entries.filter((f) => AWS_KEY_NAME.test(f.key) || /secrets\s*\.\s*\w*AWS_(?:ACCESS_KEY_ID|SECRET_ACCESS_KEY)/i.test(f.value ?? ''));
      const a = assessCredential(keys);
      if (!a) continue;
      ctx.report({
        messageId: 'reusableSecrets',
        at: pairSpan(a.field),
        subject: `${job.path}.secrets.${a.field.key}`,
        evidence: fieldsEvidence('secrets.', a.fields),
        severity: a.severity,
        data: { job: job.id, workflow: job.uses.value ?? '', inputs: fieldNames(a.fields), origin: originPhrase(a.origin, a.originValue) },
        properties: { valueOrigin: a.origin },
      });
    }
  },
});

function actionName(uses: string | undefined): string {
  const ref = parseUses(uses ?? '');
  return ref.kind === 'remote' ? `${ref.owner}/${ref.repo}${ref.subpath}` : (uses ?? '');
}

/** One finding per `run` script: at the first key it writes, rated by the worst value it writes. */
function cliKeys(run: Field, stepPath: string, spanOf: (start: number, end: number) => Span): WorkflowReport<'cliConfigure' | 'sessionKeys'> | undefined {
  const reported = [...run.raw.matchAll(CLI_KEY)]
    .map((m) => {
      const word = m.groups?.value ?? m.groups?.fileValue ?? '';
      return { m, name: m.groups?.name ?? m.groups?.file ?? '', word, cli: m.groups?.name !== undefined, origin: shellWordOrigin(word) };
    })
    .filter((h) => originSeverity(h.origin) !== undefined && (h.cli || CREDENTIALS_FILE.test(run.raw)));
  const first = reported[0];
  if (!first) return undefined;
  const worst = reported.reduce((a, b) => (compareOrigin(b.origin, a.origin) > 0 ? b : a));
  const temporary = CLI_SESSION.test(run.raw) && worst.origin !== 'literal';
  const start = run.rawOffset + (first.m.index ?? 0);
  const described = (h: typeof first) => (h.cli ? `aws configure set ${h.name}` : `${h.name} =`);
  return {
    messageId: temporary ? 'sessionKeys' : 'cliConfigure',
    at: spanOf(start, start + first.m[0].length),
    subject: `${stepPath}.run`,
    evidence: reported.map((h) => `run: ${described(h)} ${displayValue(h.word)}`).join(', '),
    severity: temporary ? 'low' : originSeverity(worst.origin)!,
    data: { command: described(first), where: 'This `run` step', inputs: reported.map((h) => `\`${h.name}\``).join(', '), origin: originPhrase(worst.origin, worst.word) },
    properties: { valueOrigin: worst.origin },
  };
}
