import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { AWS_CALL_TIMEOUT_MS, AWS_MAX_ATTEMPTS } from './aws-call';

/** The clients the context calls AWS with: the job's own credentials, or msw-backed ones in tests. */
export interface AwsSession {
  sts: STSClient;
  iam: IAMClient;
  /** Absent when the job names no region: IMDS defaults are per region. */
  ec2?: EC2Client | undefined;
  region?: string | undefined;
  /** The access key id the job signs with. Never printed. */
  accessKeyId: string;
}

export type AwsConnection = { ok: true; session: AwsSession } | { ok: false; why: string };

type Env = Readonly<Record<string, string | undefined>>;

const IMDS_DISABLED = 'AWS_EC2_METADATA_DISABLED';

/**
 * Runs `work` with the SDK's instance-metadata credential and region lookups off. A runner is not an EC2 instance
 * (GitHub-hosted runners run on Azure), and probing 169.254.169.254 only costs time there; on a self-hosted EC2
 * runner it would pick up the instance role, which is not credentials the job was given.
 */
export async function withImdsDisabled<T>(work: () => Promise<T>, env: Record<string, string | undefined> = process.env): Promise<T> {
  const saved = env[IMDS_DISABLED];
  env[IMDS_DISABLED] = 'true';
  try {
    return await work();
  } finally {
    if (saved === undefined) delete env[IMDS_DISABLED];
    else env[IMDS_DISABLED] = saved;
  }
}

function timeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The job's region: `AWS_REGION`, `AWS_DEFAULT_REGION`, else the shared config file's profile. */
async function jobRegion(env: Env): Promise<string | undefined> {
  const named = env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim();
  if (named) return named;
  try {
    return await new EC2Client({}).config.region();
  } catch {
    return undefined;
  }
}

/**
 * Clients on the job's credentials, when the SDK's default chain finds some without IMDS: the environment
 * (`AWS_ACCESS_KEY_ID`, as `aws-actions/configure-aws-credentials` leaves them), a web identity token
 * (`AWS_WEB_IDENTITY_TOKEN_FILE`), a shared profile, SSO or a container endpoint. Call inside `withImdsDisabled`.
 */
export async function connectAws(env: Env = process.env, timeoutMs = AWS_CALL_TIMEOUT_MS): Promise<AwsConnection> {
  const region = await jobRegion(env);
  // IAM is global; STS answers in every region. Both default to the commercial partition without a region.
  const common = { maxAttempts: AWS_MAX_ATTEMPTS, requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs } };
  const sts = new STSClient({ ...common, region: region ?? 'us-east-1' });
  let accessKeyId: string;
  try {
    accessKeyId = (await timeout(sts.config.credentials(), timeoutMs, 'finding AWS credentials')).accessKeyId;
  } catch (error) {
    const hint = env.AWS_ACCESS_KEY_ID || env.AWS_WEB_IDENTITY_TOKEN_FILE ? 'the job sets AWS credentials, but the SDK could not load them' : 'the job has no AWS credentials';
    return { ok: false, why: `${hint} (${(error instanceof Error ? error.message : String(error)).split('\n')[0]})` };
  }
  // One credential lookup for all clients: a web identity token is exchanged once.
  const credentials = sts.config.credentials;
  return {
    ok: true,
    session: {
      sts,
      iam: new IAMClient({ ...common, region: region ?? 'us-east-1', credentials }),
      ec2: region ? new EC2Client({ ...common, region, credentials }) : undefined,
      region,
      accessKeyId,
    },
  };
}
