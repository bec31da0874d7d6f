import { EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsRetryStrategy, AwsScanCredentials } from '../aws-scan-types';
import { Limiter } from './limiter';

export interface ClientSettings {
  credentials?: AwsScanCredentials | undefined;
  maxAttempts?: number | undefined;
  retryStrategy?: AwsRetryStrategy | undefined;
  /** Concurrent calls per region (global services share the home region's limit). */
  concurrency: number;
  homeRegion: string;
}

/** Socket limits for one call; the SDK retries a timed-out attempt like a 5xx. */
const REQUEST_TIMEOUT_MS = 30_000;
const CONNECTION_TIMEOUT_MS = 5_000;

interface Stackable {
  middlewareStack: { add: (...args: never[]) => void };
}

/**
 * The SDK clients of one account, created on first use per service and region. Every client counts the commands it
 * sends and waits for its region's concurrency slot; the SDK's retry strategy (throttling, 5xx, timeouts) runs
 * inside the slot, so retries never exceed the limit.
 */
export class AccountClients {
  apiCalls = 0;
  readonly #clients = new Map<string, unknown>();
  readonly #limiters = new Map<string, Limiter>();
  #parent: AccountClients | undefined;

  constructor(private readonly settings: ClientSettings) {}

  /** The same settings on other credentials (the assumed role's). */
  withCredentials(credentials: AwsScanCredentials): AccountClients {
    const next = new AccountClients({ ...this.settings, credentials });
    // One count for the whole scan, whichever credentials made the call.
    next.#parent = this;
    return next;
  }

  get homeRegion(): string {
    return this.settings.homeRegion;
  }

  sts(): STSClient {
    return this.#client('sts', this.homeRegion, (c) => new STSClient(c));
  }
  iam(): IAMClient {
    return this.#client('iam', this.homeRegion, (c) => new IAMClient(c));
  }
  organizations(): OrganizationsClient {
    return this.#client('organizations', this.homeRegion, (c) => new OrganizationsClient(c));
  }
  s3control(): S3ControlClient {
    return this.#client('s3control', this.homeRegion, (c) => new S3ControlClient(c));
  }
  s3(region: string): S3Client {
    // Bucket calls go to the bucket's region; a redirect (a bucket moved or recreated) is followed.
    return this.#client('s3', region, (c) => new S3Client({ ...c, followRegionRedirects: true }));
  }
  ec2(region: string): EC2Client {
    return this.#client('ec2', region, (c) => new EC2Client(c));
  }
  eks(region: string): EKSClient {
    return this.#client('eks', region, (c) => new EKSClient(c));
  }

  #count(): void {
    if (this.#parent) this.#parent.#count();
    else this.apiCalls++;
  }

  #limiter(region: string): Limiter {
    const root = this.#parent ?? this;
    let limiter = root.#limiters.get(region);
    if (!limiter) {
      limiter = new Limiter(this.settings.concurrency);
      root.#limiters.set(region, limiter);
    }
    return limiter;
  }

  #client<C extends Stackable>(service: string, region: string, create: (config: ClientConfig) => C): C {
    const key = `${service}:${region}`;
    const existing = this.#clients.get(key) as C | undefined;
    if (existing) return existing;
    const { credentials, maxAttempts, retryStrategy } = this.settings;
    const config: ClientConfig = {
      region,
      requestHandler: { requestTimeout: REQUEST_TIMEOUT_MS, connectionTimeout: CONNECTION_TIMEOUT_MS },
      ...(credentials ? { credentials } : {}),
      ...(maxAttempts !== undefined ? { maxAttempts } : {}),
      ...(retryStrategy ? { retryStrategy } : {}),
    };
    const client = create(config);
    const limiter = this.#limiter(region);
    const middleware = (next: (args: unknown) => Promise<unknown>) => (args: unknown) => {
      this.#count();
      return limiter.run(() => next(args));
    };
    (client.middlewareStack.add as unknown as (m: typeof middleware, o: { step: 'initialize'; name: string }) => void)(middleware, {
      step: 'initialize',
      name: 'guardrailsCountAndLimit',
    });
    this.#clients.set(key, client);
    return client;
  }
}

interface ClientConfig {
  region: string;
  requestHandler: { requestTimeout: number; connectionTimeout: number };
  credentials?: AwsScanCredentials;
  maxAttempts?: number;
  retryStrategy?: AwsRetryStrategy;
}
