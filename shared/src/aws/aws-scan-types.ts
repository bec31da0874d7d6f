import type { IAMClientConfig } from '@aws-sdk/client-iam';
import type { Finding } from '../model/finding';
import type { GuardrailResult } from '../model/report';

/** Base credentials: static keys or a provider (default: the SDK's chain). The SDK's own type, so any provider fits. */
export type AwsScanCredentials = NonNullable<IAMClientConfig['credentials']>;
/** The SDK's retry strategy option, passed to every client (tests use `ConfiguredRetryStrategy(3, () => 0)`). */
export type AwsRetryStrategy = NonNullable<IAMClientConfig['retryStrategy']>;

/** One AWS account to scan, as configured in the backend (`guardrails.aws.accounts[]`). */
export interface AwsAccountTarget {
  accountId: string;
  /** A role in the account to assume with the base credentials; without it the base credentials are used as they are. */
  roleArn?: string | undefined;
  externalId?: string | undefined;
  /** Regions to scan; default every region enabled for the account (`ec2:DescribeRegions`). */
  regions?: readonly string[] | undefined;
  /** The role session name (CloudTrail shows it); default `paved-road-guardrails`. */
  sessionName?: string | undefined;
}

export interface AwsScanOptions {
  target: AwsAccountTarget;
  credentials?: AwsScanCredentials | undefined;
  /** The scan's clock: ages and `startedAt` are computed from it. */
  now: Date;
  /** Per-account limit (default 15 minutes); when it runs out the scan stops, and the result is partial. */
  timeLimitMs?: number | undefined;
  /** Concurrent AWS calls per account and region (default 4). */
  concurrency?: number | undefined;
  signal?: AbortSignal | undefined;
  maxAttempts?: number | undefined;
  retryStrategy?: AwsRetryStrategy | undefined;
  /** Resource tag keys copied to findings as `tag:<key>` properties, for entity mapping (`backstage.io/component`). */
  tagKeys?: readonly string[] | undefined;
  /** Region for the global services (IAM, STS, Organizations, S3 Control); default `us-east-1`. */
  homeRegion?: string | undefined;
  /** Wait between credential report polls (default 2 s); tests pass a few milliseconds. */
  credentialReportPollMs?: number | undefined;
}

/** Something the scan could not read. Guardrails that needed it are `unknown` with the same reason. */
export interface AwsScanError {
  service: string;
  operation: string;
  region?: string;
  message: string;
  code?: string;
}

export interface AwsScanStats {
  /** SDK commands sent (a command retried by the SDK counts once). */
  apiCalls: number;
  users: number;
  roles: number;
  instances: number;
  clusters: number;
  buckets: number;
  /** The regions scanned. */
  regions: string[];
}

export interface AwsScanResult {
  accountId: string;
  /** The identity the scan ran as (`sts:GetCallerIdentity`). */
  callerArn?: string;
  /** Undefined when Organizations could not be read. */
  isManagementAccount?: boolean | undefined;
  startedAt: string;
  durationMs: number;
  /** True when anything could not be read (denied, timed out, opt-in region, time limit): never report it as clean. */
  partial: boolean;
  findings: Finding[];
  /** Every guardrail the live scan covers: pass, fail, unknown (with the reason) or not-applicable. */
  guardrails: GuardrailResult[];
  errors: AwsScanError[];
  stats: AwsScanStats;
}
