import { setupServer } from 'msw/node';
import type { AwsScanResult } from '../aws';
import { scanAwsAccount } from '../aws';
import type { SimulatedAccountInput } from '../aws-testing';
import { simulatedAccount, simulatedAccountSpec, simulatedKeyId, simulatedScanOptions } from '../aws-testing';

const ACCOUNT = '123456789012';
const SCAN_ROLE = `arn:aws:iam::${ACCOUNT}:role/scanner`;
const EC2_TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const VENDOR_TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::464622532012:root' }, Action: 'sts:AssumeRole' }] };

/** An account with one problem per guardrail, next to things that are fine. */
const BASE: SimulatedAccountInput = {
  scanRole: { arn: SCAN_ROLE, externalId: 'guardrails' },
  organization: { id: 'o-abc123', managementAccountId: ACCOUNT },
  users: [
    { name: 'alice', keys: [{ id: simulatedKeyId('alice', 1), status: 'Active', created: '2020-01-01T00:00:00Z', lastUsed: '2026-11-27T00:00:00Z' }], password: { mfa: false }, tags: { 'backstage.io/component': 'billing' } },
    { name: 'bob', keys: [{ id: simulatedKeyId('bob', 1), status: 'Active', created: '2026-01-01T00:00:00Z' }] },
    { name: 'carol', keys: [{ id: simulatedKeyId('carol', 1), status: 'Active', created: '2026-10-01T00:00:00Z', lastUsed: '2026-11-20T00:00:00Z' }, { id: simulatedKeyId('carol', 2), status: 'Inactive', created: '2015-01-01T00:00:00Z' }] },
    { name: 'dave', keys: [{ id: simulatedKeyId('dave', 1), status: 'Active', created: '2026-09-01T00:00:00Z', lastUsed: '2026-06-01T00:00:00Z' }], password: { mfa: true } },
  ],
  roles: [
    { name: 'web', trust: EC2_TRUST, inline: { all: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }, instanceProfiles: ['web'] },
    { name: 'app', trust: EC2_TRUST, attached: ['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'], instanceProfiles: ['app'] },
    { name: 'datadog', trust: VENDOR_TRUST, attached: [`arn:aws:iam::${ACCOUNT}:policy/read-all`] },
  ],
  policies: { 'read-all': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } },
  regions: {
    'eu-west-1': {
      instances: [
        { id: 'i-0aaaaaaaaaaaaaaa1', httpTokens: 'optional', profile: 'web', state: 'stopped', launchTime: '2026-11-01T00:00:00Z', firstLaunch: '2022-03-01T00:00:00Z', tags: { 'backstage.io/component': 'web' } },
        { id: 'i-0aaaaaaaaaaaaaaa2', httpTokens: 'required', profile: 'app' },
        { id: 'i-0aaaaaaaaaaaaaaa3', httpTokens: 'optional', state: 'terminated' },
      ],
      imdsDefault: 'none',
      launchTemplates: [
        { id: 'lt-0000000000000001', name: 'legacy', imageId: 'ami-0000000000000001' },
        { id: 'lt-0000000000000002', name: 'modern', imageId: 'ami-0000000000000002' },
      ],
      images: { 'ami-0000000000000001': 'unset', 'ami-0000000000000002': 'v2.0' },
      clusters: [
        { name: 'prod', publicAccess: true, nodegroups: [{ name: 'nodes', role: 'app' }] },
        { name: 'internal', publicAccess: false },
      ],
    },
    'us-east-1': { instances: [{ id: 'i-0bbbbbbbbbbbbbbb1', profile: 'app' }], imdsDefault: 'required' },
  },
  accountBlock: 'none',
  buckets: [
    { name: 'public-site', region: 'eu-west-1', block: 'none', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public-site/*' }] } },
    { name: 'private-data', region: 'us-east-1', block: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, tags: { 'backstage.io/component': 'data' } },
  ],
};

const TARGET = { accountId: ACCOUNT, roleArn: SCAN_ROLE, externalId: 'guardrails' };
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function scan(input: SimulatedAccountInput, options: Partial<Parameters<typeof simulatedScanOptions>[0]> = {}) {
  const account = simulatedAccount(simulatedAccountSpec({ ...BASE, ...input }));
  server.use(...account.handlers);
  const result = await scanAwsAccount(simulatedScanOptions({ target: TARGET, tagKeys: ['backstage.io/component'], ...options }));
  return { result, account };
}

const summary = (r: AwsScanResult) => r.findings.map((f) => `${f.guardrail} ${f.ruleId}/${String(f.properties?.messageId)} ${f.severity} ${f.resource?.id ?? ''}`).sort();
const status = (r: AwsScanResult) => Object.fromEntries(r.guardrails.map((g) => [g.id, g.status]));
const reason = (r: AwsScanResult, id: string) => r.guardrails.find((g) => g.id === id)?.reason ?? '';

describe('scanAwsAccount on a simulated account', () => {
  it('reports the expected findings per guardrail, located by ARN, account and region', async () => {
    const { result } = await scan({});
    expect(result.partial).toBe(false);
    expect(result.errors).toEqual([]);
    expect(result.callerArn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/scanner/paved-road-guardrails`);
    expect(result.isManagementAccount).toBe(true);
    expect(summary(result)).toEqual(
      [
        `no-long-lived-cloud-keys iam-access-key-age/age5y critical arn:aws:iam::${ACCOUNT}:user/alice`,
        `no-long-lived-cloud-keys iam-access-key-age/age90d low arn:aws:iam::${ACCOUNT}:user/bob`,
        `no-long-lived-cloud-keys iam-access-key-age/neverUsed medium arn:aws:iam::${ACCOUNT}:user/bob`,
        `no-long-lived-cloud-keys iam-access-key-age/unused medium arn:aws:iam::${ACCOUNT}:user/dave`,
        `human-access-federated iam-user-console-login/login medium arn:aws:iam::${ACCOUNT}:user/alice`,
        `human-access-federated iam-user-console-login/login medium arn:aws:iam::${ACCOUNT}:user/dave`,
        `human-access-federated iam-user-console-no-mfa/noMfa high arn:aws:iam::${ACCOUNT}:user/alice`,
        `imdsv2-enforced ec2-imdsv2-required/optional high arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0aaaaaaaaaaaaaaa1`,
        // The region default requires IMDSv2 for new instances only: an existing optional instance still fails.
        `imdsv2-enforced ec2-imdsv2-required/optional high arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0bbbbbbbbbbbbbbb1`,
        `imdsv2-enforced ec2-imdsv2-required/absent medium arn:aws:ec2:eu-west-1:${ACCOUNT}:launch-template/lt-0000000000000001`,
        `storage-not-public s3-bucket-public-access/publicPolicy high arn:aws:s3:::public-site`,
        ...['off', 'off', 'off', 'off'].map(() => `storage-not-public s3-public-access-block-off/off medium arn:aws:iam::${ACCOUNT}:root`),
        ...['off', 'off', 'off', 'off'].map(() => `storage-not-public s3-public-access-block-off/off high arn:aws:s3:::public-site`),
        `k8s-api-private k8s-api-public/eks high arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/prod`,
        `least-privilege-workloads workload-role-privileges/admin critical arn:aws:iam::${ACCOUNT}:role/web`,
        `third-party-roles-safe third-party-role-trust/vendorNoExternalId high arn:aws:iam::${ACCOUNT}:role/datadog`,
        `third-party-roles-safe third-party-role-trust/vendorOverPrivileged high arn:aws:iam::${ACCOUNT}:role/datadog`,
        `management-account-clean management-account-workloads/workloads high arn:aws:iam::${ACCOUNT}:root`,
      ].sort(),
    );
    expect(status(result)).toEqual({
      'no-long-lived-cloud-keys': 'fail',
      'human-access-federated': 'fail',
      'imdsv2-enforced': 'fail',
      'storage-not-public': 'fail',
      'k8s-api-private': 'fail',
      'least-privilege-workloads': 'fail',
      'third-party-roles-safe': 'fail',
      'data-perimeter': 'pass',
      'management-account-clean': 'fail',
    });
    expect(result.stats).toEqual({ apiCalls: expect.any(Number), users: 4, roles: 3, instances: 3, clusters: 2, buckets: 2, regions: ['eu-west-1', 'us-east-1'] });
  });

  it('carries the resource, facts and requested tags on each finding, and never the full access key id', async () => {
    const { result } = await scan({});
    const instance = result.findings.find((f) => f.ruleId === 'ec2-imdsv2-required' && f.properties?.messageId === 'optional')!;
    expect(instance.resource).toEqual({ provider: 'aws', account: ACCOUNT, region: 'eu-west-1', id: `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0aaaaaaaaaaaaaaa1` });
    expect(instance.location).toBeUndefined();
    expect(instance.source).toBe('aws');
    // A stopped instance is judged; its age comes from the primary interface, not the last start.
    expect(instance.properties).toMatchObject({ instanceState: 'stopped', firstLaunchedAt: '2022-03-01T00:00:00.000Z', instanceAgeDays: 1733, 'tag:backstage.io/component': 'web' });
    const key = result.findings.find((f) => f.ruleId === 'iam-access-key-age' && f.resource?.id.endsWith('/alice'))!;
    expect(key.resource).toEqual({ provider: 'aws', account: ACCOUNT, id: `arn:aws:iam::${ACCOUNT}:user/alice` });
    expect(key.properties?.['tag:backstage.io/component']).toBe('billing');
    const id = simulatedKeyId('alice', 1);
    expect(key.message).toContain(`${id.slice(0, 4)}…${id.slice(-4)}`);
    expect(JSON.stringify(result)).not.toContain(id);
    const vendor = result.findings.find((f) => f.properties?.messageId === 'vendorOverPrivileged')!;
    expect(vendor.properties?.evidenceResource).toBe(`arn:aws:iam::${ACCOUNT}:policy/read-all`);
  });

  it('keeps a finding\'s fingerprint when the key crosses an age threshold, and escalates its severity', async () => {
    const young = (await scan({}, { now: new Date('2026-12-01T00:00:00Z') })).result;
    const old = (await scan({}, { now: new Date('2027-02-01T00:00:00Z') })).result;
    const bob = (r: AwsScanResult) => r.findings.find((f) => f.resource?.id.endsWith('/bob') && f.properties?.issue === 'age')!;
    expect([bob(young).properties?.messageId, bob(young).severity]).toEqual(['age90d', 'low']);
    expect([bob(old).properties?.messageId, bob(old).severity]).toEqual(['age1y', 'medium']);
    expect(bob(old).fingerprint).toBe(bob(young).fingerprint);
    expect(new Set(young.findings.map((f) => f.fingerprint)).size).toBe(young.findings.length);
  });

  it('follows every paginated list one item per page', async () => {
    const { result, account } = await scan({ pageSize: 1 });
    expect(summary(result)).toEqual(summary((await scan({})).result));
    expect(account.calls('iam:GetAccountAuthorizationDetails')).toBe(8);
    expect(account.calls('ec2:DescribeInstances')).toBe(3 + 1);
    expect(account.calls('ec2:DescribeLaunchTemplates')).toBe(2 + 1);
    expect(account.calls('eks:ListClusters')).toBe(2 + 1);
    expect(account.calls('s3:ListBuckets')).toBe(2);
    expect(account.calls('iam:ListAccessKeys')).toBe(5);
  });

  it('scans a generated account, whose users and instances the simulator makes page by page, like an explicit one', async () => {
    const generate = { users: 40, instancesPerRegion: 12, regions: ['eu-west-1'], buckets: 2, seed: 'pages' };
    const { result, account } = await scan({ generate, pageSize: 7 });
    const users = account.spec.users;
    const withActiveKey = Array.from({ length: users.length }, (_, i) => users.at(i)!).filter((u) => u.keys?.some((k) => k.status === 'Active'));
    expect(result.partial).toBe(false);
    expect(result.stats).toMatchObject({ users: 4 + 40, instances: 3 + 12, buckets: 2 + 2 });
    expect(account.calls('iam:ListAccessKeys')).toBe(withActiveKey.length);
    // The same generated account twice: the same findings, so a user reads the same in every page and the report.
    expect(summary((await scan({ generate, pageSize: 7 })).result)).toEqual(summary(result));
    expect(summary(result)).toEqual(summary((await scan({ generate })).result));
  });

  it('retries throttling and server errors with the SDK strategy, then reports a complete scan', async () => {
    const { result, account } = await scan({
      faults: {
        throttle: { 'iam:ListAccessKeys': 2, 'ec2:DescribeInstances@eu-west-1': 2, 'eks:DescribeCluster': 1, 's3:GetPublicAccessBlock': 2, 'iam:GetAccountAuthorizationDetails': 1 },
        serverErrors: { 'ec2:GetInstanceMetadataDefaults': 1, 'organizations:DescribeOrganization': 1 },
      },
    });
    expect(result.partial).toBe(false);
    expect(result.errors).toEqual([]);
    expect(summary(result)).toEqual(summary((await scan({})).result));
    expect(account.calls('ec2:DescribeInstances')).toBe(2 + 1 + 1);
  });

  it('polls the credential report while AWS answers ReportInProgress', async () => {
    const { result, account } = await scan({ faults: { reportInProgress: 3 } });
    expect(result.partial).toBe(false);
    expect(account.calls('iam:GetCredentialReport')).toBe(4);
    expect(status(result)['human-access-federated']).toBe('fail');
  });

  it('makes a guardrail unknown, never pass, when a read it needs is denied, and goes on with the rest', async () => {
    const { result } = await scan({
      users: [],
      roles: [],
      regions: { 'eu-west-1': { instances: [{ id: 'i-0ccccccccccccccc1', httpTokens: 'required' }] } },
      buckets: [],
      accountBlock: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      faults: { deny: ['iam:GetAccountAuthorizationDetails', 'ec2:GetInstanceMetadataDefaults', 'eks:ListClusters', 'organizations:DescribeOrganization', 's3:ListBuckets'] },
    });
    expect(result.partial).toBe(true);
    expect(result.findings).toEqual([]);
    expect(status(result)).toEqual({
      'no-long-lived-cloud-keys': 'pass',
      'human-access-federated': 'pass',
      'imdsv2-enforced': 'unknown',
      'storage-not-public': 'unknown',
      'k8s-api-private': 'unknown',
      'least-privilege-workloads': 'unknown',
      'third-party-roles-safe': 'unknown',
      'data-perimeter': 'unknown',
      'management-account-clean': 'unknown',
    });
    expect(reason(result, 'least-privilege-workloads')).toContain('iam:GetAccountAuthorizationDetails was denied (AccessDenied)');
    expect(reason(result, 'imdsv2-enforced')).toContain('ec2:GetInstanceMetadataDefaults in eu-west-1 was denied (UnauthorizedOperation)');
    expect(reason(result, 'k8s-api-private')).toContain('eks:ListClusters in eu-west-1 was denied (AccessDeniedException)');
    expect(reason(result, 'management-account-clean')).toContain('organizations:DescribeOrganization was denied');
    expect(result.isManagementAccount).toBeUndefined();
    expect(result.errors.map((e) => `${e.service}:${e.operation}${e.region ? `@${e.region}` : ''} ${e.code ?? ''}`).sort()).toEqual([
      'ec2:GetInstanceMetadataDefaults@eu-west-1 UnauthorizedOperation',
      'eks:ListClusters@eu-west-1 AccessDeniedException',
      'iam:GetAccountAuthorizationDetails AccessDenied',
      'organizations:DescribeOrganization AccessDeniedException',
      's3:ListBuckets AccessDenied',
    ]);
  });

  it('still fails a guardrail on what it could read when another read was denied', async () => {
    const { result } = await scan({ faults: { deny: ['ec2:DescribeInstances@us-east-1', 'ec2:DescribeLaunchTemplates'] } });
    expect(result.partial).toBe(true);
    expect(status(result)['imdsv2-enforced']).toBe('fail');
    expect(status(result)['k8s-api-private']).toBe('fail');
  });

  it('reads keys and console logins user by user when the credential report is denied', async () => {
    const { result, account } = await scan({ faults: { deny: ['iam:GenerateCredentialReport'] } });
    expect(result.partial).toBe(true);
    expect(account.calls('iam:GetLoginProfile')).toBe(4);
    expect(account.calls('iam:ListMFADevices')).toBe(2);
    expect(summary(result).filter((s) => s.startsWith('human') || s.startsWith('no-long'))).toEqual(summary((await scan({})).result).filter((s) => s.startsWith('human') || s.startsWith('no-long')));
    expect(status(result)['human-access-federated']).toBe('fail');
  });

  it('uses the credential report\'s key slots when the per-key calls are denied', async () => {
    const { result } = await scan({ faults: { deny: ['iam:ListAccessKeys'] } });
    expect(result.partial).toBe(true);
    const keys = result.findings.filter((f) => f.ruleId === 'iam-access-key-age').map((f) => `${String(f.properties?.messageId)} ${String(f.properties?.accessKey)} ${f.resource?.id ?? ''}`);
    expect(keys).toContain(`age5y access key 1 arn:aws:iam::${ACCOUNT}:user/alice`);
    expect(keys).toContain(`neverUsed access key 1 arn:aws:iam::${ACCOUNT}:user/bob`);
  });

  it('skips a configured opt-in region that is not enabled and reports the scan as partial', async () => {
    const { result, account } = await scan({ disabledRegions: ['ap-east-1'] }, { target: { ...TARGET, regions: ['eu-west-1', 'ap-east-1'] } });
    expect(result.partial).toBe(true);
    expect(result.stats.regions).toEqual(['eu-west-1']);
    expect(account.calls('ec2:DescribeInstances')).toBe(1);
    expect(status(result)['k8s-api-private']).toBe('fail');
    expect(status(result)['management-account-clean']).toBe('fail');
    expect(result.errors).toContainEqual(expect.objectContaining({ service: 'ec2', region: 'ap-east-1', code: 'OptInRequired' }));
  });

  it('scans every enabled region when none is configured', async () => {
    const { result } = await scan({ disabledRegions: ['ap-east-1'] }, { target: { ...TARGET } });
    expect(result.stats.regions.sort()).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('stops at its time limit and reports what it could not read as unknown', async () => {
    const { result } = await scan({ faults: { hang: ['ec2:DescribeInstances@eu-west-1'] } }, { timeLimitMs: 300 });
    expect(result.partial).toBe(true);
    expect(result.errors).toContainEqual(expect.objectContaining({ code: 'TimeLimit' }));
    // What was read still counts (an IMDSv1 instance in us-east-1); what was not is unknown, never pass.
    expect(status(result)['imdsv2-enforced']).toBe('fail');
    expect(status(result)['k8s-api-private']).toBe('unknown');
    expect(reason(result, 'k8s-api-private')).toContain('eks:ListClusters in eu-west-1 was not completed');
  });

  it('reports every guardrail unknown when the scan role cannot be assumed', async () => {
    const { result } = await scan({}, { target: { ...TARGET, externalId: 'wrong' } });
    expect(result.partial).toBe(true);
    expect(result.findings).toEqual([]);
    expect(new Set(result.guardrails.map((g) => g.status))).toEqual(new Set(['unknown']));
    expect(reason(result, 'imdsv2-enforced')).toContain('sts:AssumeRole was denied');
  });

  it('refuses credentials that belong to another account', async () => {
    const { result } = await scan({ callerAccountId: '210987654321' });
    expect(result.partial).toBe(true);
    expect(result.findings).toEqual([]);
    expect(reason(result, 'storage-not-public')).toContain('the credentials belong to account 210987654321');
  });

  it('treats a member account as clean of management-account workloads', async () => {
    const { result } = await scan({ organization: { id: 'o-abc123', managementAccountId: '999999999999' } });
    expect(result.isManagementAccount).toBe(false);
    expect(status(result)['management-account-clean']).toBe('pass');
  });

  it('rejects an account id that is not 12 digits', async () => {
    await expect(scanAwsAccount(simulatedScanOptions({ target: { accountId: '1234' } }))).rejects.toThrow('12 digits');
  });
});
