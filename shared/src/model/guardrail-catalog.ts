import type { GuardrailId } from './guardrail-id';
import type { GuardrailLevel } from './paved-road-level';

export interface IndustryFigure {
  /** A short statement of the figure, e.g. "59% of IAM users with an active key hold one over a year old". */
  statement: string;
  /** The share of the industry meeting (or failing) the guardrail, when one number summarises it. */
  percent?: number;
  /** What `percent` measures, so a UI can show it next to a service's own figure. */
  percentMeans?: string;
  source: string;
  url: string;
}

export interface Guardrail {
  id: GuardrailId;
  title: string;
  description: string;
  level: GuardrailLevel;
  /** What a fix looks like on the paved road. */
  pavedRoad: string;
  /** Where evidence for this guardrail comes from. */
  sources: readonly string[];
  figure?: IndustryFigure;
}

// Figures: Datadog, State of Cloud Security 2025 (data from September 2025), quoted with attribution.
const DATADOG_2025 = 'Datadog, State of Cloud Security 2025';
const DATADOG_2025_URL = 'https://www.datadoghq.com/state-of-cloud-security/';

/** The guardrail catalog, as data. Order is the display order. */
export const GUARDRAILS: readonly Guardrail[] = [
  {
    id: 'no-leaked-secrets',
    title: 'No leaked secrets',
    description:
      'No credential or private key is committed: cloud keys (AWS, GCP, Azure), GitHub, GitLab, npm and Slack tokens, private keys, and generic high-entropy credentials.',
    level: 'bronze',
    pavedRoad:
      'Keep secrets in a secret manager (AWS Secrets Manager, GCP Secret Manager, Azure Key Vault) or CI secrets, and read them at run time.',
    sources: ['any text file', 'diffs', 'git history', 'workflows'],
    figure: {
      statement:
        'Leaked access keys are the main initial access vector in AWS; incident responders see more leaks from CI/CD pipelines and shared developer machines.',
      source: DATADOG_2025,
      url: DATADOG_2025_URL,
    },
  },
  {
    id: 'no-long-lived-keys-in-ci',
    title: 'CI uses OIDC, not stored cloud keys',
    description:
      'CI authenticates to clouds with short-lived OIDC credentials, not stored access keys, service-account JSON or client secrets.',
    level: 'bronze',
    pavedRoad:
      'Grant the workflow `permissions: id-token: write` and use `role-to-assume` (AWS), `workload_identity_provider` (GCP) or `client-id`/`tenant-id` federation (Azure).',
    sources: ['GitHub workflows', 'composite actions'],
    figure: {
      statement: 'Keys leak from CI pipelines; no mainstream workflow scanner flags static cloud keys in CI.',
      source: DATADOG_2025,
      url: DATADOG_2025_URL,
    },
  },
  {
    id: 'no-long-lived-cloud-keys',
    title: 'No long-lived cloud keys',
    description:
      'No static cloud keys are created or kept: IAM access keys, provider keys, GCP service-account keys, Entra application passwords; live keys are rotated and used.',
    level: 'bronze',
    pavedRoad: 'Use roles with short-lived credentials (IAM roles, workload identity, managed identities) instead of keys.',
    sources: ['Terraform', 'CloudFormation', 'live IAM'],
    figure: {
      statement: '59% of IAM users with an active access key have one older than one year.',
      percent: 59,
      percentMeans: 'IAM users with an active key hold one over a year old',
      source: DATADOG_2025,
      url: DATADOG_2025_URL,
    },
  },
  {
    id: 'human-access-federated',
    title: 'Humans sign in through federation',
    description: 'People use SSO or federation, not IAM users with console passwords.',
    level: 'silver',
    pavedRoad: 'Use IAM Identity Center (or your IdP) with permission sets instead of IAM users.',
    sources: ['Terraform', 'CloudFormation', 'live credential report'],
    figure: {
      statement: '79% of organisations use federation, but 39% still use IAM users and 1 in 5 relies only on IAM users.',
      percent: 79,
      percentMeans: 'organisations use federated human access',
      source: DATADOG_2025,
      url: DATADOG_2025_URL,
    },
  },
  {
    id: 'imdsv2-enforced',
    title: 'EC2 requires IMDSv2',
    description:
      'Instances, launch templates and launch configurations require IMDSv2 (`http_tokens = "required"`) or disable the metadata endpoint.',
    level: 'silver',
    pavedRoad: 'Set `metadata_options { http_tokens = "required" }`, or make IMDSv2 the region default.',
    sources: ['Terraform', 'CloudFormation', 'live EC2'],
    figure: {
      statement: 'Only 49% of EC2 instances enforce IMDSv2.',
      percent: 49,
      percentMeans: 'EC2 instances enforce IMDSv2',
      source: DATADOG_2025,
      url: DATADOG_2025_URL,
    },
  },
  {
    id: 'storage-not-public',
    title: 'Storage is not public',
    description:
      'S3 buckets are covered by a full public access block and grant nothing to everyone; Azure storage and GCS buckets are private.',
    level: 'silver',
    pavedRoad: 'Block public access at the account level and serve public content through a CDN with origin access control.',
    sources: ['Terraform', 'CloudFormation', 'live S3'],
    figure: {
      statement: '1% of S3 buckets are effectively public; 83% are covered by a public access block.',
      percent: 83,
      percentMeans: 'S3 buckets covered by a public access block',
      source: DATADOG_2025,
      url: DATADOG_2025_URL,
    },
  },
  {
    id: 'k8s-api-private',
    title: 'Kubernetes API is private',
    description: 'EKS, GKE and AKS control planes are private or restricted to known networks.',
    level: 'silver',
    pavedRoad: 'Disable the public endpoint, or restrict it to your corporate CIDRs.',
    sources: ['Terraform', 'CloudFormation', 'live EKS'],
    figure: {
      statement: '39% of EKS clusters expose their API to the internet (AKS 34%, GKE 54%).',
      percent: 39,
      percentMeans: 'EKS clusters expose their API to the internet',
      source: DATADOG_2025,
      url: DATADOG_2025_URL,
    },
  },
  {
    id: 'least-privilege-workloads',
    title: 'Workloads have least privilege',
    description:
      'Roles attached to instances and node groups grant no admin, no privilege escalation, no lateral movement and no account-wide data access.',
    level: 'gold',
    pavedRoad: 'Scope workload roles to the actions and resources the service uses.',
    sources: ['Terraform', 'CloudFormation', 'live IAM and EC2'],
    figure: {
      statement: '19.4% of EC2 instances are over-privileged; 13% of EKS clusters have dangerous node roles.',
      percent: 19.4,
      percentMeans: 'EC2 instances are over-privileged',
      source: DATADOG_2025,
      url: DATADOG_2025_URL,
    },
  },
  {
    id: 'third-party-roles-safe',
    title: 'Third-party roles are safe',
    description:
      'Roles trusted by vendors require an external id and are not over-privileged; OIDC trusts pin audience and subject.',
    level: 'gold',
    pavedRoad: 'Require `sts:ExternalId` for vendors and pin `token.actions.githubusercontent.com:sub` to your repositories.',
    sources: ['Terraform', 'CloudFormation', 'live IAM'],
    figure: {
      statement: '12.2% of third-party integration roles are dangerously over-privileged; 2.25% lack an external id.',
      percent: 12.2,
      percentMeans: 'third-party roles are dangerously over-privileged',
      source: DATADOG_2025,
      url: DATADOG_2025_URL,
    },
  },
  {
    id: 'data-perimeter',
    title: 'Data perimeter in place',
    description:
      'Resource policies that allow everyone are constrained to your organisation, accounts or network.',
    level: 'gold',
    pavedRoad: 'Add `aws:PrincipalOrgID` / `aws:SourceAccount` conditions and organisation-wide RCPs.',
    sources: ['Terraform', 'CloudFormation', 'live'],
    figure: {
      statement: '40% of organisations use a data perimeter.',
      percent: 40,
      percentMeans: 'organisations use a data perimeter',
      source: DATADOG_2025,
      url: DATADOG_2025_URL,
    },
  },
  {
    id: 'management-account-clean',
    title: 'Management account runs no workloads',
    description: 'No EC2 workloads run in the AWS Organizations management account.',
    level: 'gold',
    pavedRoad: 'Run workloads in member accounts only.',
    sources: ['live Organizations and EC2'],
    figure: {
      statement: '9% of organisations run EC2 instances in the management account.',
      percent: 9,
      percentMeans: 'organisations run EC2 in the management account',
      source: DATADOG_2025,
      url: DATADOG_2025_URL,
    },
  },
  {
    id: 'ci-hardened',
    title: 'CI is hardened',
    description:
      'Workflows do not run PR code with secrets, declare least-privilege permissions, pin third-party actions to a full SHA and do not expose all secrets.',
    level: 'gold',
    pavedRoad: 'Declare `permissions:` per job, pin actions by SHA, and never check out PR heads under `pull_request_target`.',
    sources: ['GitHub workflows'],
    figure: {
      statement: 'Tag hijacks of popular actions stole CI credentials in 2025 and 2026.',
      source: DATADOG_2025,
      url: DATADOG_2025_URL,
    },
  },
];

const BY_ID = new Map<GuardrailId, Guardrail>(GUARDRAILS.map((g) => [g.id, g]));

export function getGuardrail(id: GuardrailId): Guardrail {
  const guardrail = BY_ID.get(id);
  if (!guardrail) throw new Error(`Guardrail "${id}" is missing from the catalog`);
  return guardrail;
}
