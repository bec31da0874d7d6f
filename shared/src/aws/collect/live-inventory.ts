import type { Site } from '../../iac/model/attr';
import type { Resource } from '../../iac/model/resources';

/** Facts about a live resource that findings carry as properties (state, age, AWS's own verdicts). */
export type ResourceFacts = Record<string, string | number | boolean>;

/** The site of a live resource: its ARN, account and region (none for global services). */
export function liveSite(account: string, id: string, region?: string): Site {
  return { resource: region ? { provider: 'aws', account, region, id } : { provider: 'aws', account, id } };
}

/**
 * An ARN from its parts. Joined, not a template literal: V8 keeps a template's result as a chain of
 * concatenations (a 32-byte node per part) until something flattens it, which for the addresses of 20,000
 * instances costs almost three times the flat strings.
 */
export function liveArn(service: string, region: string, account: string, resource: string): string {
  return ['arn', 'aws', service, region, account, resource].join(':');
}

/**
 * What the collectors found in one account: resources of the shared model, global (IAM, S3, the account) or per
 * region (EC2, EKS), and per resource the tags and facts that findings carry.
 */
export class LiveInventory {
  readonly global: Resource[] = [];
  readonly regional = new Map<string, Resource[]>();
  /** Requested tag keys by ARN. */
  readonly tags = new Map<string, Record<string, string>>();
  /** Facts by resource address. */
  readonly facts = new Map<string, ResourceFacts>();
  readonly counts = { users: 0, roles: 0, instances: 0, clusters: 0, buckets: 0 };
  readonly #shared = new Map<string, string>();

  constructor(
    readonly accountId: string,
    private readonly tagKeys: readonly string[],
  ) {}

  addGlobal(resource: Resource, facts?: ResourceFacts): void {
    this.global.push(resource);
    if (facts) this.addFacts(resource.address, facts);
  }

  addRegional(region: string, resource: Resource, facts?: ResourceFacts): void {
    let list = this.regional.get(region);
    if (!list) {
      list = [];
      this.regional.set(region, list);
    }
    list.push(resource);
    if (facts) this.addFacts(resource.address, facts);
  }

  addFacts(address: string, facts: ResourceFacts): void {
    const seen = this.facts.get(address);
    this.facts.set(address, seen ? { ...seen, ...facts } : facts);
  }

  /**
   * One copy of a value that thousands of resources repeat (instance states, IMDS settings, AMI ids, instance
   * profile ARNs, tag values): the SDK parses a new string for every occurrence, and 20,000 instances hold
   * megabytes of duplicates.
   */
  shared<T extends string | undefined>(value: T): T {
    if (value === undefined) return value;
    const seen = this.#shared.get(value);
    if (seen !== undefined) return seen as T;
    this.#shared.set(value, value);
    return value;
  }

  /** Keeps the requested tag keys of a resource (AWS returns `{ Key, Value }` pairs, EKS a map). */
  addTags(arn: string, tags: readonly { Key?: string | undefined; Value?: string | undefined }[] | Record<string, string> | undefined): void {
    if (!tags || !this.tagKeys.length) return;
    type Pair = readonly [string | undefined, string | undefined];
    const list = tags as readonly { Key?: string | undefined; Value?: string | undefined }[];
    const pairs: Pair[] = Array.isArray(tags) ? list.map((t): Pair => [t.Key, t.Value]) : Object.entries(tags as Record<string, string>);
    const kept: Record<string, string> = {};
    for (const [key, value] of pairs) if (key !== undefined && value !== undefined && this.tagKeys.includes(key)) kept[key] = this.shared(value);
    if (!Object.keys(kept).length) return;
    const seen = this.tags.get(arn);
    this.tags.set(arn, seen ? { ...seen, ...kept } : kept);
  }
}

/** Whole days from `from` to `now` (never negative: clocks differ). */
export function daysSince(from: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - from.getTime()) / 86_400_000));
}
