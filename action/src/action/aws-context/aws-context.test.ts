// The AWS context against the real SDK clients, with STS, IAM and EC2 answered by msw in their XML formats.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { setupServer } from 'msw/node';
import type { Finding, Report } from '@pavedroad/guardrails-core';
import { ALPHABETS, fakeSecret, fingerprint, guardrailResults, REPORT_SCHEMA_VERSION, reportSchema } from '@pavedroad/guardrails-core';
import { at, core, logged, resetCore } from '../core-fixture';
import type { AwsPermission } from './aws-call';
import { ACCOUNT, awsHandlers, fakeSession, requests, resetAws, state, USER_KEY } from './aws-fake';

jest.unstable_mockModule('@actions/core', () => core);
const { runAwsContext } = await import('./aws-context-step');
const { AnnotationBudget } = await import('../annotations');
const { runScan } = await import('../../scan/run-scan');

const NOW = new Date('2026-11-28T12:00:00.000Z');
const WORKFLOW = '.github/workflows/deploy.yml';
const AMI_V2 = 'ami-0123456789abcdef0';
const AMI_PLAIN = 'ami-0fedcba9876543210';
// A legacy key id (`AKIAI…`): the account cannot be decoded from it offline.
const LEAKED = 'AKIAI' + fakeSecret('aws context leaked key', ALPHABETS.base32, 15);
const LEAKED_FILE = `config/settings.ini`;
const LEAKED_TEXT = `[default]\naws_access_key_id = ${LEAKED}\n`;
const OWNER = '210987654321';

const base = {
  confidence: 'high' as const,
  remediation: { text: 'Fix it.', pavedRoad: 'The paved road.' },
  references: [],
  source: 'pr' as const,
};
const loc = (path: string, line: number, startColumn = 1, endColumn = 40) => ({ path, startLine: line, startColumn, endLine: line, endColumn });

const staticKeys = (path = WORKFLOW): Finding => ({
  ...base,
  ruleId: 'ci-aws-static-keys',
  guardrail: 'no-long-lived-keys-in-ci',
  severity: 'high',
  title: 'CI signs in to AWS with a long-lived access key',
  message: '`aws-actions/configure-aws-credentials` signs in with a long-lived IAM user access key.',
  location: loc(path, 11),
  fingerprint: `fp-static-${path}`,
  evidence: 'with.aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}',
  properties: { messageId: 'actionKeys', valueOrigin: 'secret' },
});

const imdsAbsent = (name: string, ami?: string): Finding => ({
  ...base,
  ruleId: 'ec2-imdsv2-required',
  guardrail: 'imdsv2-enforced',
  severity: 'medium',
  confidence: 'medium',
  title: 'EC2 requires IMDSv2',
  message: `${name} does not set \`http_tokens\`; IMDSv1 stays allowed unless the AMI or the region default requires IMDSv2.`,
  location: loc('infra/main.tf', 1),
  fingerprint: `fp-imds-${name}`,
  evidence: `aws_launch_template ${name}`,
  properties: { resource: `aws_launch_template.${name}`, resourceType: 'aws_launch_template', messageId: 'absent', ...(ami ? { ami } : {}) },
});

const leaked = (): Finding => ({
  ...base,
  ruleId: 'aws-access-key-id',
  guardrail: 'no-leaked-secrets',
  severity: 'critical',
  title: 'AWS access key id',
  message: 'An AWS long-lived access key id is committed (AKIA…(20 chars)).',
  location: loc(LEAKED_FILE, 2, 21, 41),
  fingerprint: fingerprint('aws-access-key-id', LEAKED_FILE, LEAKED),
  evidence: 'AKIA…(20 chars)',
  properties: { keyKind: 'long-lived' },
});

function reportOf(findings: Finding[]): Report {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'Paved Road Guardrails', version: '0.0.0-test' },
    scan: { root: '.', scope: 'diff', startedAt: NOW.toISOString(), durationMs: 5, filesScanned: 3, filesSkipped: [] },
    findings,
    guardrails: guardrailResults(['no-leaked-secrets', 'no-long-lived-keys-in-ci', 'imdsv2-enforced'], findings),
    errors: [],
  };
}

const server = setupServer(...awsHandlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  resetCore();
  resetAws();
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

interface Run {
  report: Report;
  notes: string[];
}

async function run(findings: Finding[], extra: { timeoutMs?: number; workflowFile?: string | undefined; undecided?: Map<'imdsv2-enforced', string> } = {}): Promise<Run> {
  const report = reportOf(findings);
  const notes = await runAwsContext(report, {
    budget: new AnnotationBudget(),
    now: NOW,
    read: (path) => Promise.resolve(path === LEAKED_FILE ? LEAKED_TEXT : undefined),
    repoPath: (p) => p,
    workflowFile: 'workflowFile' in extra ? extra.workflowFile : WORKFLOW,
    connect: () => Promise.resolve({ ok: true, session: fakeSession() }),
    ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}),
    ...(extra.undecided ? { undecided: extra.undecided } : {}),
  });
  return { report, notes };
}

const called = () => requests.map((r) => r.permission);
const notices = () => at('notice').map((n) => n.message);

describe('(a) the job signs in with a long-lived IAM user key', () => {
  it('adds the key age and last use to the ci-aws-static-keys finding of the running workflow', async () => {
    const other = staticKeys('.github/workflows/nightly.yml');
    const { report, notes } = await run([staticKeys(), other]);
    const [enriched, untouched] = report.findings;
    expect(enriched!.message).toBe(
      '`aws-actions/configure-aws-credentials` signs in with a long-lived IAM user access key. AWS context: this run signed in as IAM user `ci-deploy` of account 123456789012 with a long-lived access key created 400 days ago (2025-10-24), older than 1 year; IAM last recorded its use yesterday.',
    );
    expect(enriched!.properties).toEqual({ messageId: 'actionKeys', valueOrigin: 'secret', keyAgeDays: 400, lastUsedDaysAgo: 1 });
    expect(enriched!.severity).toBe('high');
    // Another workflow may sign in with another key: left alone.
    expect(untouched).toEqual(other);
    expect(called()).toEqual(['sts:GetCallerIdentity', 'iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed']);
    // ListAccessKeys without UserName: the caller's own keys.
    expect(requests[1]!.params.has('UserName')).toBe(false);
    expect(notices()).toEqual([]);
    expect(notes).toEqual([expect.stringMatching(/^AWS context: this run signed in as IAM user `ci-deploy`.*Added to 1 `ci-aws-static-keys` finding\(s\) of the running workflow\.$/)]);
    expect(reportSchema.parse(report)).toEqual(report);
  });

  it('says so in a notice on the workflow file when no finding carries it, with the 5-year threshold and no recorded use', async () => {
    state.keyCreated = '2020-01-02T00:00:00Z';
    delete state.keyLastUsed;
    const { report } = await run([]);
    expect(report.findings).toEqual([]);
    expect(at('notice')).toEqual([
      {
        level: 'notice',
        message:
          'AWS context: this run signed in as IAM user `ci-deploy` of account 123456789012 with a long-lived access key created 2522 days ago (2020-01-02), older than 5 years; IAM has no record of its use.',
        properties: { title: 'AWS context: long-lived key', file: WORKFLOW },
      },
    ]);
  });

  it('does nothing for a role: temporary credentials have no key to age, and IAM is not asked', async () => {
    state.caller = 'role';
    const findings = [staticKeys()];
    const { report, notes } = await run(findings);
    expect(report.findings).toEqual(findings);
    expect(called()).toEqual([]);
    expect(notes).toEqual([]);
    expect(logged.filter((l) => l.level !== 'info')).toEqual([]);
  });
});

describe('(b) IMDS defaults and AMIs decide context-dependent IMDSv2 findings', () => {
  // The job assumes a role here: no key notes in the way.
  beforeEach(() => {
    state.caller = 'role';
  });

  it('drops an absent-IMDS finding when the region default requires IMDSv2, and the guardrail passes', async () => {
    state.imdsDefault = 'required';
    const decided = await run([imdsAbsent('app', AMI_PLAIN)]);
    expect(decided.report.findings).toEqual([]);
    expect(decided.report.guardrails.find((g) => g.id === 'imdsv2-enforced')).toEqual({ id: 'imdsv2-enforced', status: 'pass', findings: 0 });
    // The default decides: no AMI lookup.
    expect(called().filter((c) => c.startsWith('ec2:'))).toEqual(['ec2:GetInstanceMetadataDefaults']);
    expect(decided.notes).toContain('AWS context: dropped the IMDSv2 finding on aws_launch_template.app: the account default in eu-west-1 requires IMDSv2 (`HttpTokens: required`).');
    expect(notices()).toEqual([
      'AWS context decided 1 IMDSv2 finding(s) on resources that do not set http_tokens: IMDSv2 is required after all (the account default in eu-west-1 requires IMDSv2 (`HttpTokens: required`)). They were dropped.',
    ]);
  });

  it('keeps the guardrail unknown when the scan could not decide another resource', async () => {
    state.imdsDefault = 'required';
    const { report } = await run([imdsAbsent('app')], { undecided: new Map([['imdsv2-enforced', 'http_tokens of aws_instance.x: var.tokens has no value']]) });
    expect(report.guardrails.find((g) => g.id === 'imdsv2-enforced')).toEqual({ id: 'imdsv2-enforced', status: 'unknown', findings: 0, reason: 'http_tokens of aws_instance.x: var.tokens has no value' });
  });

  it('drops it when the region has no default and the AMI has ImdsSupport v2.0', async () => {
    state.amis = { [AMI_V2]: 'v2.0', [AMI_PLAIN]: 'unset' };
    const { report } = await run([imdsAbsent('app', AMI_V2)]);
    expect(report.findings).toEqual([]);
    const images = requests.filter((r) => r.permission === 'ec2:DescribeImages');
    expect(images.map((r) => r.params.get('ImageId.1'))).toEqual([AMI_V2]);
  });

  it('keeps it and says why when the default is optional (which overrides an AMI with v2.0), without asking for the AMI', async () => {
    state.imdsDefault = 'optional';
    state.amis = { [AMI_V2]: 'v2.0' };
    const original = imdsAbsent('app', AMI_V2);
    const { report, notes } = await run([original]);
    expect(report.findings).toEqual([
      {
        ...original,
        confidence: 'high',
        message: `${original.message} AWS context: the account default in eu-west-1 is \`HttpTokens: optional\` (it overrides an AMI's \`ImdsSupport: v2.0\`), so instances launched from this allow IMDSv1.`,
        properties: { ...original.properties, imdsDefault: 'optional', awsRegion: 'eu-west-1' },
      },
    ]);
    expect(called()).not.toContain('ec2:DescribeImages');
    expect(report.guardrails.find((g) => g.id === 'imdsv2-enforced')).toMatchObject({ status: 'fail', findings: 1 });
    expect(notes).toContain('AWS context: kept 1 IMDSv2 finding(s) on resources that do not set `http_tokens`, with the account\'s IMDS default for eu-west-1 (`optional`) in the message.');
    expect(notices()).toEqual([]);
  });

  it('with no default, decides an AMI without v2.0 and explains an AMI it cannot see or that is not a literal id', async () => {
    state.amis = { [AMI_PLAIN]: 'unset' };
    const { report } = await run([imdsAbsent('plain', AMI_PLAIN), imdsAbsent('elsewhere', 'ami-00000000000000000'), imdsAbsent('computed')]);
    expect(report.findings.map((f) => [f.confidence, f.properties?.amiImdsSupport ?? null, f.message.replace(/^.*AWS context: /, '')])).toEqual([
      ['high', 'unset', 'eu-west-1 has no account IMDS default (no-preference) and the AMI ami-0fedcba9876543210 does not set `ImdsSupport: v2.0`, so instances launched from this allow IMDSv1.'],
      ['medium', 'not-found', 'eu-west-1 has no account IMDS default (no-preference), so IMDSv1 stays allowed unless the AMI sets `ImdsSupport: v2.0`; the AMI ami-00000000000000000 was not found from this account.'],
      ['medium', null, 'eu-west-1 has no account IMDS default (no-preference), so IMDSv1 stays allowed unless the AMI sets `ImdsSupport: v2.0`; the AMI is not a literal id in this code.'],
    ]);
    expect(report.findings.every((f) => f.properties?.imdsDefault === 'no-preference')).toBe(true);
    // A missing AMI is an answer, not a failure.
    expect(notices()).toEqual([]);
  });
});

describe('(c) leaked key ids', () => {
  it('names the owning account with GetAccessKeyInfo, and the key appears in no output', async () => {
    state.keyAccounts = { [LEAKED]: OWNER };
    const { report, notes } = await run([leaked()]);
    expect(report.findings[0]!.properties).toEqual({ keyKind: 'long-lived', awsAccount: OWNER });
    expect(report.findings[0]!.message).toBe(`An AWS long-lived access key id is committed (AKIA…(20 chars)). AWS context: \`sts:GetAccessKeyInfo\` names account ${OWNER} as the key's owner.`);
    // The key went to STS, and nowhere else.
    expect(requests.find((r) => r.permission === 'sts:GetAccessKeyInfo')!.params.get('AccessKeyId')).toBe(LEAKED);
    const everything = JSON.stringify({ report, notes, logged });
    expect(everything).not.toContain(LEAKED);
    expect(everything).not.toContain(LEAKED.slice(4));
    expect(everything).not.toContain(USER_KEY);
  });

  it('asks nothing for keys whose account the scanner decoded offline, or that it cannot find again in the file', async () => {
    const decoded = { ...leaked(), properties: { keyKind: 'long-lived', awsAccount: ACCOUNT } };
    const moved = { ...leaked(), fingerprint: 'f'.repeat(32) };
    state.caller = 'role';
    const { report } = await run([decoded, moved]);
    expect(report.findings).toEqual([decoded, moved]);
    expect(called()).toEqual([]);
  });
});

describe('errors: one notice, nothing else changed, never a failure', () => {
  const everything = () => [staticKeys(), imdsAbsent('app', AMI_V2), leaked()];
  const part: Record<AwsPermission, number> = {
    'sts:GetCallerIdentity': 0,
    'iam:ListAccessKeys': 0,
    'iam:GetAccessKeyLastUsed': 0,
    'ec2:GetInstanceMetadataDefaults': 1,
    'ec2:DescribeImages': 1,
    'sts:GetAccessKeyInfo': 2,
  };

  it.each(Object.keys(part) as AwsPermission[])('AccessDenied on %s: one notice naming it, and its part changes nothing', async (permission) => {
    state.amis = { [AMI_V2]: 'v2.0' };
    state.keyAccounts = { [LEAKED]: OWNER };
    state.deny.add(permission);
    const original = everything();
    const { report, notes } = await run(everything());
    const code = permission.startsWith('ec2:') ? 'UnauthorizedOperation' : 'AccessDenied';
    expect(notices().filter((n) => n.startsWith('AWS context is incomplete'))).toEqual([
      `AWS context is incomplete: \`${permission}\` is not allowed (${code}). What those calls would have added is left out and nothing else changed. Allow the denied calls to the job's credentials (docs/action.md, "AWS context") or set aws-context: off.`,
    ]);
    expect(notes.at(-1)).toBe(`AWS context is incomplete: \`${permission}\` is not allowed (${code}).`);
    // The part that needed the call is as the scan left it.
    const index = part[permission];
    expect(report.findings.find((f) => f.ruleId === original[index]!.ruleId)).toEqual(original[index]);
    expect(at('error')).toEqual([]);
    expect(JSON.stringify(logged)).not.toContain(LEAKED);
  });

  it('with every call denied, the report is exactly as the scan left it', async () => {
    for (const p of Object.keys(part) as AwsPermission[]) state.deny.add(p);
    const original = reportOf(everything());
    const { report } = await run(everything());
    expect(report).toEqual(original);
    expect(notices()).toHaveLength(1);
    expect(notices()[0]).toMatch(/^AWS context is incomplete: `sts:GetAccessKeyInfo` is not allowed \(AccessDenied\); `sts:GetCallerIdentity` is not allowed \(AccessDenied\); `ec2:GetInstanceMetadataDefaults` is not allowed \(UnauthorizedOperation\)\./);
  });

  it('retries throttling (IAM Throttling, EC2 RequestLimitExceeded) and then answers', async () => {
    state.throttle.set('iam:ListAccessKeys', 2);
    state.throttle.set('ec2:GetInstanceMetadataDefaults', 1);
    state.imdsDefault = 'required';
    const { report } = await run([staticKeys(), imdsAbsent('app')]);
    expect(called().filter((c) => c === 'iam:ListAccessKeys')).toHaveLength(3);
    expect(called().filter((c) => c === 'ec2:GetInstanceMetadataDefaults')).toHaveLength(2);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['ci-aws-static-keys']);
    expect(report.findings[0]!.properties?.keyAgeDays).toBe(400);
    expect(notices().filter((n) => n.startsWith('AWS context is incomplete'))).toEqual([]);
  });

  it('gives up on throttling after 3 tries with a notice', async () => {
    state.throttle.set('iam:GetAccessKeyLastUsed', 10);
    const findings = [staticKeys()];
    const { report } = await run(findings);
    expect(called().filter((c) => c === 'iam:GetAccessKeyLastUsed')).toHaveLength(3);
    expect(report.findings).toEqual(findings);
    expect(notices()).toEqual([expect.stringMatching(/^AWS context is incomplete: `iam:GetAccessKeyLastUsed` was throttled \(Throttling, 3 tries\)\./)]);
  });

  it('bounds each call in time, and survives a dropped connection', async () => {
    state.hang.add('sts:GetCallerIdentity');
    state.drop.add('ec2:GetInstanceMetadataDefaults');
    const findings = [staticKeys(), imdsAbsent('app')];
    const started = Date.now();
    const { report } = await run(findings, { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(report.findings).toEqual(findings);
    expect(notices()).toHaveLength(1);
    expect(notices()[0]).toMatch(/^AWS context is incomplete: `sts:GetCallerIdentity` did not answer within 0\.3 s; `ec2:GetInstanceMetadataDefaults`: AWS could not be reached \(.+\)\. What those calls would have added is left out and nothing else changed\. Set aws-context: off to skip it\.$/);
  });

  it('reads nothing when the job has no AWS credentials', async () => {
    const findings = [staticKeys()];
    const report = reportOf(findings);
    const notes = await runAwsContext(report, {
      budget: new AnnotationBudget(),
      now: NOW,
      read: () => Promise.resolve(undefined),
      repoPath: (p) => p,
      connect: () => Promise.resolve({ ok: false, why: 'the job has no AWS credentials (Could not load credentials from any providers)' }),
    });
    expect(notes).toEqual([]);
    expect(report.findings).toEqual(findings);
    expect(logged).toEqual([{ level: 'info', message: 'aws-context: the job has no AWS credentials (Could not load credentials from any providers); nothing is read from AWS.' }]);
    expect(called()).toEqual([]);
  });
});

describe('with the scanner', () => {
  it('carries a literal AMI id on absent-IMDS findings, so the AMI decides them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guardrails-aws-'));
    try {
      mkdirSync(join(dir, 'infra'));
      writeFileSync(
        join(dir, 'infra/main.tf'),
        `resource "aws_launch_template" "app" {\n  image_id = "${AMI_V2}"\n}\nresource "aws_launch_template" "batch" {\n  image_id = var.ami\n}\nvariable "ami" {}\n`,
      );
      const { report, undecided } = await runScan({ paths: ['.'], cwd: dir, now: NOW });
      const absent = report.findings.filter((f) => f.ruleId === 'ec2-imdsv2-required');
      expect(absent.map((f) => [f.properties?.resource, f.properties?.messageId, f.properties?.ami ?? null])).toEqual([
        ['aws_launch_template.app', 'absent', AMI_V2],
        ['aws_launch_template.batch', 'absent', null],
      ]);

      state.caller = 'role';
      state.amis = { [AMI_V2]: 'v2.0' };
      await runAwsContext(report, {
        budget: new AnnotationBudget(),
        now: NOW,
        read: () => Promise.resolve(undefined),
        repoPath: (p) => p,
        undecided,
        connect: () => Promise.resolve({ ok: true, session: fakeSession() }),
      });
      // The AMI with v2.0 decides its template; the other one still depends on an AMI the code does not name.
      expect(report.findings.filter((f) => f.ruleId === 'ec2-imdsv2-required').map((f) => [f.properties?.resource, f.properties?.imdsDefault])).toEqual([['aws_launch_template.batch', 'no-preference']]);
      expect(reportSchema.parse(report)).toEqual(report);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
