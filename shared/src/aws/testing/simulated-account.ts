import type { RequestHandler } from 'msw';
import { delay, http } from 'msw';
import type { SimulatedAccountSpec } from './simulated-account-spec';
import { ec2Error, json11Error, queryError, restJsonError, s3Error } from './aws-wire';
import { Ec2Simulator } from './simulate-ec2';
import { EksSimulator } from './simulate-eks';
import { IamSimulator } from './simulate-iam';
import { S3Simulator } from './simulate-s3';
import { IdentitySimulator } from './simulate-sts-organizations';

type Service = 'iam' | 'sts' | 'ec2' | 'eks' | 'organizations' | 's3' | 's3control';

/** Where a request goes: service, region (none for IAM) and, for S3, the bucket. */
function route(url: URL): { service: Service; region?: string; bucket?: string } | undefined {
  const host = url.hostname;
  if (host === 'iam.amazonaws.com') return { service: 'iam' };
  let m = /^(sts|ec2|eks|organizations)\.([a-z0-9-]+)\.amazonaws\.com$/.exec(host);
  if (m) return { service: m[1] as Service, region: m[2]! };
  if (host === 'sts.amazonaws.com') return { service: 'sts', region: 'us-east-1' };
  m = /^\d{12}\.s3-control\.([a-z0-9-]+)\.amazonaws\.com$/.exec(host);
  if (m) return { service: 's3control', region: m[1]! };
  m = /^(?:([a-z0-9.-]+)\.)?s3\.([a-z0-9-]+)\.amazonaws\.com$/.exec(host);
  if (m) return m[1] ? { service: 's3', region: m[2]!, bucket: m[1] } : { service: 's3', region: m[2]! };
  return undefined;
}

/** The error each protocol uses for denied, throttled and failing calls. */
function errorFor(service: Service, kind: 'denied' | 'throttled' | 'server'): Response {
  switch (service) {
    case 'iam':
    case 'sts':
      return kind === 'denied' ? queryError(service, 'AccessDenied', 403) : kind === 'throttled' ? queryError(service, 'Throttling', 400, 'Rate exceeded') : queryError(service, 'ServiceFailure', 500);
    case 'ec2':
      return kind === 'denied' ? ec2Error('UnauthorizedOperation', 403) : kind === 'throttled' ? ec2Error('RequestLimitExceeded', 503, 'Request limit exceeded.') : ec2Error('InternalError', 500);
    case 'eks':
      return kind === 'denied' ? restJsonError('AccessDeniedException', 403) : kind === 'throttled' ? restJsonError('ThrottlingException', 429) : restJsonError('ServerException', 500);
    case 'organizations':
      return kind === 'denied' ? json11Error('AccessDeniedException', 400) : kind === 'throttled' ? json11Error('TooManyRequestsException', 400) : json11Error('ServiceException', 500);
    case 's3':
    case 's3control':
      return kind === 'denied' ? s3Error('AccessDenied', 403, 'Access Denied') : kind === 'throttled' ? s3Error('SlowDown', 503, 'Please reduce your request rate.') : s3Error('InternalError', 500);
  }
}

/**
 * A simulated AWS account behind msw: every service the live scan calls, answered in AWS's wire formats from a
 * spec, page by page, with the spec's faults (denied operations, throttling, 5xx, a slow credential report,
 * calls that hang). Counts calls per `service:Operation`.
 *
 * ```ts
 * const account = simulatedAccount(simulatedAccountSpec({ users: [...], faults: { deny: ['ec2:DescribeInstances'] } }));
 * const server = setupServer(...account.handlers);
 * ```
 */
export class SimulatedAccount {
  readonly handlers: RequestHandler[];
  readonly #calls = new Map<string, number>();
  readonly #throttle: Map<string, number>;
  readonly #serverErrors: Map<string, number>;
  readonly #iam: IamSimulator;
  readonly #ec2: Ec2Simulator;
  readonly #s3: S3Simulator;
  readonly #eks: EksSimulator;
  readonly #identity: IdentitySimulator;

  constructor(readonly spec: SimulatedAccountSpec) {
    this.#throttle = new Map(Object.entries(spec.faults.throttle ?? {}));
    this.#serverErrors = new Map(Object.entries(spec.faults.serverErrors ?? {}));
    this.#iam = new IamSimulator(spec);
    this.#ec2 = new Ec2Simulator(spec);
    this.#s3 = new S3Simulator(spec);
    this.#eks = new EksSimulator(spec);
    this.#identity = new IdentitySimulator(spec);
    this.handlers = [http.all(/^https:\/\/[^/]*amazonaws\.com\//, ({ request }) => this.#handle(request))];
  }

  /** Calls answered for `service:Operation` (all regions), or all calls. */
  calls(operation?: string): number {
    if (operation) return this.#calls.get(operation) ?? 0;
    let total = 0;
    for (const n of this.#calls.values()) total += n;
    return total;
  }

  async #handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const where = route(url);
    if (!where) return new Response('not a simulated service', { status: 404 });
    const { service, region } = where;
    let operation: string;
    let params = new URLSearchParams();
    if (service === 'iam' || service === 'sts' || service === 'ec2') {
      params = new URLSearchParams(await request.text());
      operation = params.get('Action') ?? 'Unknown';
    } else if (service === 'organizations') operation = (request.headers.get('x-amz-target') ?? '').split('.').pop() ?? 'Unknown';
    else if (service === 'eks') operation = EksSimulator.operation(url.pathname);
    else if (service === 's3control') operation = 'GetPublicAccessBlock';
    else operation = where.bucket ? S3Simulator.operation(url.searchParams) : 'ListBuckets';

    const key = `${service}:${operation}`;
    this.#calls.set(key, (this.#calls.get(key) ?? 0) + 1);
    const faults = this.spec.faults;
    const matches = (list: readonly string[] | undefined) => !!list && (list.includes(key) || (region !== undefined && list.includes(`${key}@${region}`)));
    if (matches(faults.hang)) await delay('infinite');
    if (matches(faults.deny)) return errorFor(service, 'denied');
    for (const [counter, kind] of [
      [this.#throttle, 'throttled'],
      [this.#serverErrors, 'server'],
    ] as const) {
      const id = counter.has(`${key}@${region ?? ''}`) ? `${key}@${region ?? ''}` : key;
      const left = counter.get(id) ?? 0;
      if (left > 0) {
        counter.set(id, left - 1);
        return errorFor(service, kind);
      }
    }

    switch (service) {
      case 'iam':
        return this.#iam.respond(operation, params);
      case 'sts':
        return this.#identity.sts(operation, params);
      case 'organizations':
        return this.#identity.organizations(operation);
      case 'ec2':
        return this.#ec2.respond(region ?? 'us-east-1', operation, params);
      case 'eks':
        if (!this.spec.regions[region ?? '']) return restJsonError('UnrecognizedClientException', 403, 'The security token included in the request is invalid');
        return this.#eks.respond(region ?? 'us-east-1', url.pathname, url.searchParams);
      case 's3control':
        return this.#s3.accountBlock();
      case 's3':
        return where.bucket ? this.#s3.bucket(where.bucket, operation) : this.#s3.listBuckets(url.searchParams);
    }
  }
}

/** The simulated account of a spec, ready for `setupServer(...account.handlers)`. */
export function simulatedAccount(spec: SimulatedAccountSpec): SimulatedAccount {
  return new SimulatedAccount(spec);
}
