import { ALPHABETS, fakeSecret } from '../../secrets/fake-secret';
import type { SimulatedList } from './simulated-list';
import { withGenerated } from './simulated-list';

/** A policy document as JSON (what IAM stores; the simulator URL-encodes it like IAM does). */
export type PolicyJson = Record<string, unknown>;

export interface SimulatedAccessKey {
  /** Generated from the user and slot when omitted, so no key-shaped literal sits in test code. */
  id: string;
  status: 'Active' | 'Inactive';
  created: string;
  /** Absent: never used (GetAccessKeyLastUsed answers without LastUsedDate, the report `N/A`). */
  lastUsed?: string | undefined;
}

export interface SimulatedUser {
  name: string;
  created?: string | undefined;
  keys?: SimulatedAccessKey[] | undefined;
  /** A console password, with or without MFA. */
  password?: { mfa: boolean; lastUsed?: string | undefined } | undefined;
  tags?: Record<string, string> | undefined;
}

export interface SimulatedRole {
  name: string;
  trust: PolicyJson;
  /** Inline policies by name. */
  inline?: Record<string, PolicyJson> | undefined;
  /** Attached managed policy ARNs (AWS managed, or `arn:aws:iam::<account>:policy/<name>` of `policies`). */
  attached?: string[] | undefined;
  /** Instance profiles (by name) that hold this role. */
  instanceProfiles?: string[] | undefined;
  tags?: Record<string, string> | undefined;
}

export interface SimulatedInstance {
  id: string;
  state?: 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated' | undefined;
  httpTokens?: 'required' | 'optional' | undefined;
  httpEndpoint?: 'enabled' | 'disabled' | undefined;
  /** Instance profile name. */
  profile?: string | undefined;
  imageId?: string | undefined;
  /** The last start; `firstLaunch` is the primary network interface's attach time. */
  launchTime?: string | undefined;
  firstLaunch?: string | undefined;
  tags?: Record<string, string> | undefined;
}

export interface SimulatedLaunchTemplate {
  id: string;
  name: string;
  /** Absent: the version leaves IMDS to the AMI and the region default. */
  httpTokens?: 'required' | 'optional' | undefined;
  imageId?: string | undefined;
  profile?: string | undefined;
}

export interface SimulatedCluster {
  name: string;
  publicAccess: boolean;
  publicAccessCidrs?: string[] | undefined;
  /** Managed node groups and the name of their node role. */
  nodegroups?: { name: string; role: string }[] | undefined;
  tags?: Record<string, string> | undefined;
}

export interface SimulatedRegion {
  /** An array, or (`generate`) instances made on demand. */
  instances?: SimulatedInstance[] | SimulatedList<SimulatedInstance> | undefined;
  /** The account's IMDS default for new instances; `none` answers an empty AccountLevel. */
  imdsDefault?: 'required' | 'optional' | 'none' | undefined;
  launchTemplates?: SimulatedLaunchTemplate[] | undefined;
  /** ImdsSupport per AMI id; an id not listed is not found. */
  images?: Record<string, 'v2.0' | 'unset'> | undefined;
  clusters?: SimulatedCluster[] | undefined;
}

export interface PublicAccessBlockSpec {
  blockPublicAcls: boolean;
  blockPublicPolicy: boolean;
  ignorePublicAcls: boolean;
  restrictPublicBuckets: boolean;
}

export interface SimulatedBucket {
  name: string;
  region: string;
  /** `none`: NoSuchPublicAccessBlockConfiguration. */
  block?: PublicAccessBlockSpec | 'none' | undefined;
  policy?: PolicyJson | undefined;
  /** Public ACL grants (`AllUsers`, `AuthenticatedUsers`). */
  publicGrants?: ('AllUsers' | 'AuthenticatedUsers')[] | undefined;
  tags?: Record<string, string> | undefined;
}

/** What the simulated account does wrong on purpose: denied calls, throttling, slow reports. */
export interface SimulatedFaults {
  /**
   * Operations answered with the service's access-denied error: `service:Operation`, optionally `@region`
   * (`iam:GetAccountAuthorizationDetails`, `ec2:DescribeInstances@eu-west-1`, `s3:GetBucketPolicy`).
   */
  deny?: string[] | undefined;
  /** Operations throttled this many times (each) before they answer; the SDK's retries must get through. */
  throttle?: Record<string, number> | undefined;
  /** Operations answered with HTTP 500 this many times before they answer. */
  serverErrors?: Record<string, number> | undefined;
  /** `GetCredentialReport` answers `ReportInProgress` (HTTP 404) this many times first. */
  reportInProgress?: number | undefined;
  /** Operations that never answer (the scan's time limit must stop them). */
  hang?: string[] | undefined;
}

export interface SimulatedAccountSpec {
  accountId: string;
  /** The role the scan assumes (AssumeRole checks the external id when one is set). */
  scanRole?: { arn: string; externalId?: string | undefined } | undefined;
  /** The account GetCallerIdentity reports (default `accountId`): set another to simulate a wrong role ARN. */
  callerAccountId?: string | undefined;
  /** `none`: not in an organisation (AWSOrganizationsNotInUseException). */
  organization: { id: string; managementAccountId: string } | 'none';
  /** An array, or (`generate`) users made on demand. */
  users: SimulatedUser[] | SimulatedList<SimulatedUser>;
  roles: SimulatedRole[];
  /** Customer-managed policies by name. */
  policies: Record<string, PolicyJson>;
  regions: Record<string, SimulatedRegion>;
  /** Opt-in regions that are not enabled (DescribeRegions lists them as `not-opted-in`). */
  disabledRegions: string[];
  accountBlock: PublicAccessBlockSpec | 'none';
  buckets: SimulatedBucket[];
  /** Largest page the simulator returns whatever the request asks (small values exercise pagination). */
  pageSize?: number | undefined;
  faults: SimulatedFaults;
}

/** A deterministic access key id for a simulated user's key slot: AKIA + 16 base32 characters from a seed. */
export function simulatedKeyId(user: string, slot: number): string {
  return 'AKIA' + fakeSecret(`simulated key ${user} ${slot}`, ALPHABETS.base32, 16);
}

export interface GeneratedAccountOptions {
  /** Number of IAM users; about a third get an access key, a tenth a console password (ratios below). */
  users?: number | undefined;
  /** Instances per region, spread over `regions`. */
  instancesPerRegion?: number | undefined;
  regions?: string[] | undefined;
  buckets?: number | undefined;
  seed?: string | undefined;
}

export type SimulatedAccountInput = Partial<Omit<SimulatedAccountSpec, 'faults' | 'users'>> & {
  users?: SimulatedUser[] | undefined;
  faults?: SimulatedFaults | undefined;
  generate?: GeneratedAccountOptions | undefined;
};

const ACCOUNT = '123456789012';
const EC2_TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const OPEN_BLOCK: PublicAccessBlockSpec = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

/** mulberry32 over a string seed: generated accounts are the same on every run. */
function random(seed: string): () => number {
  let a = 0;
  for (let i = 0; i < seed.length; i++) a = (Math.imul(a, 31) + seed.charCodeAt(i)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isoDaysBefore = (base: number, days: number) => new Date(base - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

// Ages are relative to a fixed day, so generated accounts do not drift with the calendar.
const GENERATED_DAY = Date.parse('2026-11-28T00:00:00Z');

/** Generated user `n`: the same on every read (its own seeded stream), so pages and the credential report agree. */
function generatedUser(seed: string, n: number): SimulatedUser {
  const rand = random(`${seed} user ${n}`);
  const base = GENERATED_DAY;
  const name = `user-${String(n).padStart(5, '0')}`;
  const user: SimulatedUser = { name, created: isoDaysBefore(base, 3000) };
  if (rand() < 0.35) {
    const age = Math.floor(rand() * 7 * 365);
    const used = rand();
    user.keys = [{ id: simulatedKeyId(name, 1), status: rand() < 0.9 ? 'Active' : 'Inactive', created: isoDaysBefore(base, age), lastUsed: used < 0.15 ? undefined : isoDaysBefore(base, Math.floor(used * Math.min(age, 400))) }];
  }
  if (rand() < 0.1) user.password = { mfa: rand() < 0.7, lastUsed: isoDaysBefore(base, Math.floor(rand() * 200)) };
  if (rand() < 0.5) user.tags = { 'backstage.io/component': `service-${n % 50}` };
  return user;
}

function generatedInstance(seed: string, region: string, n: number): SimulatedInstance {
  const rand = random(`${seed} ${region} instance ${n}`);
  const base = GENERATED_DAY;
  const launched = Math.floor(rand() * 1500);
  return {
    id: `i-${fakeSecret(`${region} instance ${n}`, ALPHABETS.hex, 17)}`,
    state: rand() < 0.1 ? 'stopped' : 'running',
    httpTokens: rand() < 0.5 ? 'required' : 'optional',
    profile: rand() < 0.95 ? 'app' : 'ops',
    imageId: 'ami-0123456789abcdef0',
    launchTime: isoDaysBefore(base, Math.floor(launched / 3)),
    firstLaunch: isoDaysBefore(base, launched),
    tags: { Name: `app-${n}`, 'backstage.io/component': `service-${n % 50}` },
  };
}

/**
 * A complete account description with defaults (account 123456789012, not in an organisation, account block on,
 * no faults). With `generate`, adds users, instances and buckets in seeded, realistic proportions: key ages spread
 * over 0 to 7 years, some keys never used, a mix of IMDS settings and stopped instances. Explicit lists are kept;
 * generated users and instances are made on demand (see `SimulatedList`).
 */
export function simulatedAccountSpec(input: SimulatedAccountInput = {}): SimulatedAccountSpec {
  const spec: SimulatedAccountSpec = {
    accountId: input.accountId ?? ACCOUNT,
    scanRole: input.scanRole,
    callerAccountId: input.callerAccountId,
    organization: input.organization ?? 'none',
    users: [...(input.users ?? [])],
    roles: [...(input.roles ?? [])],
    policies: { ...input.policies },
    regions: { ...input.regions },
    disabledRegions: [...(input.disabledRegions ?? [])],
    accountBlock: input.accountBlock ?? OPEN_BLOCK,
    buckets: [...(input.buckets ?? [])],
    pageSize: input.pageSize,
    faults: { ...input.faults },
  };
  const g = input.generate;
  if (!g) return spec;
  const seed = g.seed ?? 'simulated account';
  spec.users = withGenerated(spec.users, g.users ?? 0, (n) => generatedUser(seed, n));
  const regions = g.regions ?? ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
  if ((g.instancesPerRegion ?? 0) > 0) {
    spec.roles.push(
      { name: 'app', trust: EC2_TRUST, attached: ['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'], instanceProfiles: ['app'] },
      { name: 'ops', trust: EC2_TRUST, attached: ['arn:aws:iam::aws:policy/AmazonSSMFullAccess'], instanceProfiles: ['ops'] },
    );
  }
  regions.forEach((region, r) => {
    const target = { ...spec.regions[region] };
    target.instances = withGenerated(target.instances, g.instancesPerRegion ?? 0, (n) => generatedInstance(seed, region, n));
    target.imdsDefault ??= r === 0 ? 'required' : 'none';
    spec.regions[region] = target;
  });
  const rand = random(`${seed} buckets`);
  for (let n = 0; n < (g.buckets ?? 0); n++) {
    spec.buckets.push({ name: `bucket-${n}`, region: regions[n % regions.length]!, block: rand() < 0.8 ? OPEN_BLOCK : 'none' });
  }
  return spec;
}
