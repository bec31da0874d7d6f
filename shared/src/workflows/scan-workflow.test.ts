import { DEFAULT_CONFIG } from '../config/config';
import type { Config } from '../config/config';
import { fingerprint } from '../fingerprint';
import { findingSchema } from '../model/finding';
import { ALPHABETS, fakeSecret } from '../secrets/fake-secret';
import { isWorkflowPath, scanWorkflowFile, workflowFileKind } from './scan-workflow';
import { defineWorkflowRule } from './workflow-rule';

const scan = (text: string, path = '.github/workflows/ci.yml', config: Config = DEFAULT_CONFIG) =>
  scanWorkflowFile(path, text, { config, source: 'pr' });
const ids = (text: string, config?: Config) => scan(text, undefined, config).findings.map((f) => f.ruleId);

describe('isWorkflowPath', () => {
  it.each([
    ['.github/workflows/ci.yml', 'workflow'],
    ['.github/workflows/release.yaml', 'workflow'],
    ['services/api/.github/workflows/ci.yml', 'workflow'],
    ['.github/workflows/action.yml', 'workflow'],
    ['action.yml', 'action'],
    ['.github/actions/deploy/action.yaml', 'action'],
  ])('reads %s as a %s', (path, kind) => {
    expect(workflowFileKind(path)).toBe(kind);
    expect(isWorkflowPath(path)).toBe(true);
  });

  it.each(['.github/workflows/ci.json', '.github/workflows/nested/ci.yml', '.github/dependabot.yml', 'my-action.yml', 'docs/ci.yml'])(
    'does not read %s',
    (path) => {
      expect(isWorkflowPath(path)).toBe(false);
      expect(scanWorkflowFile(path, 'on: push\njobs:\n  a:\n    steps:\n      - uses: evil/action@v1\n', { config: DEFAULT_CONFIG, source: 'pr' })).toEqual({
        findings: [],
        errors: [],
      });
    },
  );
});

describe('scanWorkflowFile', () => {
  const workflow = `on: push
permissions:
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - id: configure-aws
        uses: aws-actions/configure-aws-credentials@7474bc4690e29a8392af63c5b98e7449536d5c3a # v4.3.1
        with:
          aws-access-key-id: \${{ secrets.AWS_KEY }}
          aws-secret-access-key: \${{ secrets.AWS_SECRET }}
          aws-region: eu-west-1
`;

  it('produces complete findings: exact location, message, evidence, fingerprint, remediation, source', () => {
    const { findings, errors } = scan(workflow);
    expect(errors).toEqual([]);
    expect(findings).toEqual([
      {
        ruleId: 'ci-aws-static-keys',
        guardrail: 'no-long-lived-keys-in-ci',
        severity: 'high',
        confidence: 'high',
        title: 'CI signs in to AWS with a long-lived access key',
        message: expect.stringContaining('`aws-actions/configure-aws-credentials` signs in with a long-lived IAM user access key (`aws-access-key-id`, `aws-secret-access-key` from GitHub secrets)'),
        location: { path: '.github/workflows/ci.yml', startLine: 11, startColumn: 11, endLine: 11, endColumn: 52 },
        fingerprint: fingerprint('ci-aws-static-keys', '.github/workflows/ci.yml', 'jobs.deploy.steps[configure-aws].with.aws-access-key-id'),
        evidence: 'with.aws-access-key-id = ${{ secrets.AWS_KEY }}, with.aws-secret-access-key = ${{ secrets.AWS_SECRET }}',
        remediation: expect.objectContaining({ pavedRoad: expect.stringContaining('role-to-assume') }),
        references: expect.arrayContaining(['https://github.com/aws-actions/configure-aws-credentials#readme']),
        source: 'pr',
        properties: { messageId: 'actionKeys', valueOrigin: 'secret' },
      },
    ]);
    expect(findingSchema.safeParse(findings[0]).success).toBe(true);
    expect(findings[0]!.message).toContain('permissions: id-token: write');
  });

  it('keeps the fingerprint when lines move', () => {
    const moved = scan(`# Deploys on every push\n\n${workflow}`).findings[0]!;
    const original = scan(workflow).findings[0]!;
    expect(moved.location!.startLine).toBe(original.location!.startLine + 2);
    expect(moved.fingerprint).toBe(original.fingerprint);
  });

  it('rates a hard-coded key critical and a stored one high', () => {
    const literal = workflow.replace('${{ secrets.AWS_SECRET }}', fakeSecret('scan-1', ALPHABETS.base64, 40));
    expect(scan(literal).findings.map((f) => [f.severity, f.properties?.valueOrigin])).toEqual([['critical', 'literal']]);
  });

  it('returns malformed YAML as errors with a position and no findings', () => {
    const result = scan('on: push\njobs:\n  deploy: [\n');
    expect(result.findings).toEqual([]);
    expect(result.errors).toEqual([
      expect.objectContaining({ path: '.github/workflows/ci.yml', line: expect.any(Number), column: expect.any(Number), message: expect.stringMatching(/^not valid YAML/) }),
    ]);
  });

  it('scans composite actions', () => {
    const action = `name: Deploy\nruns:\n  using: composite\n  steps:\n    - uses: azure/login@v2\n      with:\n        creds: \${{ inputs.azure-credentials }}\n`;
    const findings = scan(action, 'deploy/action.yml').findings.filter((f) => f.ruleId !== 'ci-unpinned-action');
    expect(findings.map((f) => [f.ruleId, f.severity, f.location!.startLine, f.evidence])).toEqual([
      ['ci-azure-client-secret', 'high', 7, 'with.creds = ${{ inputs.azure-credentials }}'],
    ]);
    expect(findings[0]!.message).toContain('from `${{ inputs.azure-credentials }}`');
  });

  describe('honours the config', () => {
    const unpinned = 'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: tj-actions/changed-files@v45\n';

    it('trusts actions/* and github/* by default', () => {
      expect(ids(unpinned)).toEqual(['ci-unpinned-action']);
    });

    it('reads ci.trustedActions patterns', () => {
      expect(ids(unpinned, { ...DEFAULT_CONFIG, trustedActions: ['actions/*', 'TJ-Actions/*'] })).toEqual([]);
      expect(ids(unpinned, { ...DEFAULT_CONFIG, trustedActions: ['*/changed-*'] })).toEqual(['ci-unpinned-action']);
      expect(ids(unpinned, { ...DEFAULT_CONFIG, trustedActions: [] })).toEqual(['ci-unpinned-action', 'ci-unpinned-action']);
    });

    it('skips rules and guardrails turned off', () => {
      expect(ids(unpinned, { ...DEFAULT_CONFIG, ignoreRules: ['ci-unpinned-action'] })).toEqual([]);
      expect(ids(unpinned, { ...DEFAULT_CONFIG, ignoreRules: ['ci-hardened'] })).toEqual([]);
      expect(ids(unpinned, { ...DEFAULT_CONFIG, rules: { 'ci-unpinned-action': { enabled: false } } })).toEqual([]);
      expect(ids(workflow, { ...DEFAULT_CONFIG, ignoreRules: ['ci-hardened'] })).toEqual(['ci-aws-static-keys']);
    });

    it('applies severity overrides', () => {
      const config = { ...DEFAULT_CONFIG, rules: { 'ci-unpinned-action': { severity: 'low' as const } } };
      expect(scan(unpinned, undefined, config).findings.map((f) => f.severity)).toEqual(['low']);
    });

    it('does not apply suppressions: the file scanner does, for every finding', () => {
      const suppressed = unpinned.replace('      - uses: tj', '      # guardrails:ignore ci-unpinned-action -- vetted\n      - uses: tj');
      expect(scan(suppressed).findings.map((f) => [f.ruleId, f.suppression])).toEqual([['ci-unpinned-action', undefined]]);
    });
  });

  it('reports a rule that fails as an error and still runs the others', () => {
    const broken = defineWorkflowRule({
      ...minimalRule,
      id: 'broken',
      check() {
        throw new Error('boom');
      },
    });
    const working = defineWorkflowRule({
      ...minimalRule,
      check(doc, ctx) {
        ctx.report({ messageId: 'found', at: doc.top, subject: 'top', evidence: 'top', data: { what: 'on' } });
      },
    });
    const result = scanWorkflowFile('.github/workflows/ci.yml', 'on: push\n', { config: DEFAULT_CONFIG, source: 'repo', rules: [broken, working] });
    expect(result.errors).toEqual([{ path: '.github/workflows/ci.yml', message: 'rule broken failed on this file: boom' }]);
    expect(result.findings.map((f) => [f.ruleId, f.message])).toEqual([['example', 'Found on.']]);
  });

  it('reports a node reached twice through a YAML alias once', () => {
    const text = `on: push\npermissions: {}\nx-steps: &steps\n  - id: a\n    uses: some/action@v1\njobs:\n  a:\n    runs-on: x\n    steps: *steps\n`;
    const rule = defineWorkflowRule({
      ...minimalRule,
      check(doc, ctx) {
        for (const step of doc.jobs[0]!.steps) ctx.report({ messageId: 'found', at: step.at, subject: 'same', evidence: 'x' });
        ctx.report({ messageId: 'found', at: doc.top, subject: 'same', evidence: 'x' });
      },
    });
    expect(scanWorkflowFile('.github/workflows/ci.yml', text, { config: DEFAULT_CONFIG, source: 'repo', rules: [rule] }).findings).toHaveLength(1);
  });
});

describe('a literal AWS key in a workflow', () => {
  // Generated, so no credential-shaped literal sits in this file.
  const keyId = `AKIA${fakeSecret('canary-id', ALPHABETS.base32, 16)}`;
  const secret = fakeSecret('canary-secret', ALPHABETS.base64, 40);
  const placements = {
    'configure-aws-credentials inputs': `on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: ${keyId}
          aws-secret-access-key: "${secret}"
`,
    'env at every level': `on: push
env:
  AWS_ACCESS_KEY_ID: ${keyId}
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      AWS_SECRET_ACCESS_KEY: '${secret}'
    steps:
      - run: aws s3 ls
        env:
          AWS_ACCESS_KEY_ID: \${{ secrets.X || '${keyId}' }}
`,
    'aws configure set and a credentials file': `on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: |
          aws configure set aws_access_key_id ${keyId}
          aws configure set aws_secret_access_key "${secret}"
          printf '[default]\\naws_secret_access_key = ${secret}\\n' > ~/.aws/credentials
`,
    'docker login to ECR and reusable-workflow secrets': `on: push
jobs:
  push:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/login-action@v3
        with:
          registry: 123456789012.dkr.ecr.us-east-1.amazonaws.com
          username: ${keyId}
          password: ${secret}
  release:
    uses: org/repo/.github/workflows/release.yml@v1
    secrets:
      AWS_ACCESS_KEY_ID: ${keyId}
      AWS_SECRET_ACCESS_KEY: ${secret}
`,
  };

  const azureSecret = `${fakeSecret('canary-az-1', ALPHABETS.alnum, 3)}8Q~${fakeSecret('canary-az-2', ALPHABETS.alnum, 34)}`;
  const gcpKey = fakeSecret('canary-gcp', ALPHABETS.base64, 64);
  const otherClouds = `on: push
env:
  ARM_CLIENT_SECRET: ${azureSecret}
  GOOGLE_CREDENTIALS: '{"type": "service_account", "private_key": "${gcpKey}"}'
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: azure/login@v2
        with:
          creds: '{"clientId": "x", "clientSecret": "${azureSecret}"}'
      - uses: google-github-actions/auth@v2
        with:
          credentials_json: '${gcpKey}'
      - run: az login --service-principal -u app -p '${azureSecret}' --tenant t
`;

  it('nor does a literal Azure client secret or GCP key', () => {
    const { findings } = scan(otherClouds);
    expect(findings.filter((f) => f.severity === 'critical').map((f) => f.ruleId).sort()).toEqual([
      'ci-azure-client-secret',
      'ci-azure-client-secret',
      'ci-azure-client-secret',
      'ci-gcp-service-account-key',
      'ci-gcp-service-account-key',
    ]);
    const everything = JSON.stringify(findings);
    for (const value of [azureSecret, gcpKey]) {
      for (let i = 0; i + 8 <= value.length; i++) expect(everything).not.toContain(value.slice(i, i + 8));
    }
  });

  it.each(Object.entries(placements))('never appears in any finding field: %s', (_name, text) => {
    const { findings, errors } = scan(text);
    expect(errors).toEqual([]);
    const own = findings.filter((f) => f.ruleId === 'ci-aws-static-keys');
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((f) => f.severity === 'critical')).toBe(true);
    const everything = JSON.stringify(findings);
    for (const value of [keyId, secret]) {
      // Not the whole value, and no 8-character piece of it beyond the public AKIA prefix.
      const body = value.startsWith('AKIA') ? value.slice(4) : value;
      for (let i = 0; i + 8 <= body.length; i++) expect(everything).not.toContain(body.slice(i, i + 8));
    }
  });
});

const minimalRule = {
  id: 'example',
  guardrail: 'ci-hardened' as const,
  title: 'Example',
  description: 'An example rule.',
  provider: 'GitHub Actions',
  severity: 'low' as const,
  confidence: 'low' as const,
  messages: { found: 'Found {{what}}.' },
  remediation: { text: 'Fix it.', pavedRoad: 'Never meet it.' },
  anchors: {},
  references: [],
  examples: { bad: [{ text: 'on: push\n', expect: [{ line: 1, messageId: 'found' as const }] }], good: [] },
  check() {},
};

describe('defineWorkflowRule', () => {
  it('makes an unknown message id a compile error', () => {
    const rule = defineWorkflowRule({
      ...minimalRule,
      messages: { found: 'Found.' },
      examples: {
        // @ts-expect-error `fonud` is not a message id of this rule
        bad: [{ text: 'on: push\n', expect: [{ line: 1, messageId: 'fonud' }] }],
        good: [],
      },
      check(doc, ctx) {
        // @ts-expect-error `fonud` is not a message id of this rule
        ctx.report({ messageId: 'fonud', at: doc.top, subject: 'x', evidence: 'x' });
      },
    });
    expect(rule.kind).toBe('workflow');
  });
});
