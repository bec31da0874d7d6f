import type { Entity } from '@backstage/catalog-model';
import { GUARDRAILS } from '@pavedroad/guardrails-core/model';
import type {
  EntityScorecard,
  FindingView,
  GuardrailView,
  Overview,
  Page,
  PullRequestResult,
  ScoreHistoryPoint,
  ScorecardSummary,
  TeamRemediation,
  UnclaimedReport,
} from '@pavedroad/guardrails-core/model';

/** Test data in the portal contract's shapes; the tests serve it through msw to the real client. */

export const BASE_URL = 'http://localhost:7007';
export const API = `${BASE_URL}/api/guardrails`;

export const paymentsEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments',
    namespace: 'default',
    annotations: { 'github.com/project-slug': 'acme/payments' },
  },
  spec: { type: 'service', owner: 'group:default/team-a', lifecycle: 'production' },
};

export const unannotatedEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'legacy', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/team-a', lifecycle: 'production' },
};

export const teamEntity: Entity = {
  apiVersion: 'backstage.io/v1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default', title: 'Team A' },
  spec: { type: 'team', children: [] },
};

function guardrailView(index: number): GuardrailView {
  const g = GUARDRAILS[index]!;
  const base: GuardrailView = {
    id: g.id,
    level: g.level,
    status: 'pass',
    findings: 0,
    weight: 1,
    credit: 1,
    title: g.title,
    description: g.description,
    pavedRoad: g.pavedRoad,
    openFindings: 0,
    evidence: [
      {
        sourceKey: 'acme/payments',
        source: 'repo',
        status: 'pass',
        findings: 0,
        reportId: 'r-1',
        scannedAt: '2026-11-27T10:00:00Z',
        commit: '0123456789abcdef',
      },
    ],
  };
  return base;
}

const guardrails: GuardrailView[] = GUARDRAILS.map((_, i) => guardrailView(i)).map((g) => {
  switch (g.id) {
    case 'imdsv2-enforced':
      return { ...g, status: 'fail', findings: 1, openFindings: 1, worstSeverity: 'high', credit: 0.2 };
    case 'k8s-api-private':
      return { ...g, status: 'unknown', reason: 'cluster endpoint set from a variable without a default', credit: 0.5 };
    case 'management-account-clean':
      return { ...g, status: 'not-applicable', reason: 'no AWS account mapped', evidence: [] };
    default:
      return g;
  }
});

export const summary: ScorecardSummary = {
  entity: {
    entityRef: 'component:default/payments',
    kind: 'Component',
    namespace: 'default',
    name: 'payments',
    title: 'Payments',
    owner: 'group:default/team-a',
    system: 'system:default/checkout',
    lifecycle: 'production',
    type: 'service',
    repository: 'acme/payments',
  },
  evaluated: true,
  score: 78,
  grade: 'C',
  level: 'bronze',
  openFindings: 2,
  overdueFindings: 1,
  bySeverity: { critical: 0, high: 1, medium: 1, low: 0, info: 0 },
  statuses: { 'imdsv2-enforced': 'fail' },
  updatedAt: '2026-11-27T10:00:00Z',
};

export const scorecard: EntityScorecard = {
  ...summary,
  guardrails,
  next: { level: 'silver', blockers: ['imdsv2-enforced', 'k8s-api-private'] },
  sources: [
    {
      sourceKey: 'acme/payments',
      source: 'repo',
      reportId: 'r-1',
      scannedAt: '2026-11-27T10:00:00Z',
      receivedAt: '2026-11-27T10:01:00Z',
      repository: 'acme/payments',
      commit: '0123456789abcdef',
      ref: 'refs/heads/main',
      partial: false,
      errors: 0,
    },
  ],
};

export const imdsFinding: FindingView = {
  id: 'f-1',
  entityRef: 'component:default/payments',
  fingerprint: 'fp-imds-0001',
  ruleId: 'imdsv2-enforced',
  guardrail: 'imdsv2-enforced',
  severity: 'high',
  confidence: 'high',
  title: 'EC2 instance allows IMDSv1',
  message: 'aws_instance.web sets http_tokens = "optional".',
  status: 'open',
  source: 'repo',
  sourceKey: 'acme/payments',
  location: { path: 'infra/main.tf', startLine: 12, startColumn: 5, endLine: 12, endColumn: 30 },
  repository: 'acme/payments',
  commit: '0123456789abcdef',
  link: 'https://github.com/acme/payments/blob/0123456789abcdef/infra/main.tf#L12',
  evidence: 'http_tokens = "optional"',
  remediation: {
    text: 'Set metadata_options.http_tokens = "required".',
    pavedRoad: 'Use the paved-road EC2 module, which requires IMDSv2.',
  },
  references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html'],
  firstSeenAt: '2026-10-01T00:00:00Z',
  lastSeenAt: '2026-11-27T10:00:00Z',
  dueAt: '2026-10-31T00:00:00Z',
  overdue: true,
  ageDays: 57,
};

function withoutLocation(f: FindingView): FindingView {
  const copy = { ...f };
  delete copy.location;
  return copy;
}

export const keyFinding: FindingView = {
  ...withoutLocation(imdsFinding),
  id: 'f-2',
  fingerprint: 'fp-key-0002',
  ruleId: 'aws-access-key-live',
  guardrail: 'no-long-lived-cloud-keys',
  severity: 'medium',
  title: 'Access key older than 90 days',
  message: 'IAM user deploy has an active key created 2026-01-02.',
  source: 'aws',
  sourceKey: '123456789012',
  resource: { provider: 'aws', account: '123456789012', region: 'us-east-1', id: 'arn:aws:iam::123456789012:user/deploy' },
  link: 'https://console.aws.amazon.com/iam/home#/users/deploy',
  dueAt: '2027-01-10T00:00:00Z',
  overdue: false,
  ageDays: 12,
};

export const suppressedFinding: FindingView = {
  ...keyFinding,
  id: 'f-3',
  fingerprint: 'fp-sup-0003',
  title: 'Access key never used',
  status: 'suppressed',
  triage: { reason: 'break-glass key, kept offline', by: 'user:default/alice', at: '2026-11-01T00:00:00Z' },
};

export function page<T>(items: T[], total = items.length, offset = 0, limit = 25): Page<T> {
  return { items, total, offset, limit };
}

export const history: ScoreHistoryPoint[] = [
  { day: '2026-11-25', score: 62, grade: 'D', level: 'none', openFindings: 5, overdueFindings: 2 },
  { day: '2026-11-26', score: 70, grade: 'C', level: 'bronze', openFindings: 3, overdueFindings: 1 },
  { day: '2026-11-27', score: 78, grade: 'C', level: 'bronze', openFindings: 2, overdueFindings: 1 },
];

export const pullRequest: PullRequestResult = {
  reportId: 'pr-1',
  repository: 'acme/payments',
  ref: 'refs/pull/42/merge',
  commit: 'fedcba9876543210',
  base: 'main',
  receivedAt: '2026-11-26T09:00:00Z',
  findings: 1,
  guardrails: [{ id: 'no-leaked-secrets', status: 'fail', findings: 1 }],
};

export const overview: Overview = {
  services: 2,
  evaluated: 1,
  levels: { none: 1, bronze: 1, silver: 0, gold: 0 },
  grades: { A: 0, B: 0, C: 1, D: 0, F: 0, none: 1 },
  openFindings: 2,
  overdueFindings: 1,
  adoption: [
    {
      guardrail: 'imdsv2-enforced',
      title: 'EC2 requires IMDSv2',
      level: 'silver',
      passing: 0,
      failing: 1,
      unknown: 0,
      notApplicable: 1,
      share: 0,
      industry: {
        statement: 'Only 49% of EC2 instances enforce IMDSv2.',
        percent: 49,
        percentMeans: 'EC2 instances enforce IMDSv2',
        source: 'Datadog, State of Cloud Security 2025',
        url: 'https://www.datadoghq.com/state-of-cloud-security/',
      },
    },
    {
      guardrail: 'no-leaked-secrets',
      title: 'No leaked secrets',
      level: 'bronze',
      passing: 1,
      failing: 0,
      unknown: 0,
      notApplicable: 0,
      share: 1,
    },
  ],
  trend: [],
};

export const unscannedSummary: ScorecardSummary = {
  ...summary,
  entity: {
    entityRef: 'component:default/billing',
    kind: 'Component',
    namespace: 'default',
    name: 'billing',
    owner: 'group:default/team-b',
    system: 'system:default/finance',
    lifecycle: 'experimental',
  },
  evaluated: false,
  score: null,
  grade: null,
  level: 'none',
  openFindings: 0,
  overdueFindings: 0,
  bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
  statuses: {},
  updatedAt: null,
};

export const unclaimed: UnclaimedReport = {
  reportId: 'u-1',
  repository: 'acme/orphan',
  scope: 'full',
  receivedAt: '2026-11-20T00:00:00Z',
  findings: 4,
};

export const team: TeamRemediation = {
  team: { entityRef: 'group:default/team-a', title: 'Team A' },
  services: [summary],
  openFindings: 2,
  overdueFindings: 1,
  bySeverity: { critical: 0, high: 1, medium: 1, low: 0, info: 0 },
  aging: [
    { bucket: '0-7', count: 0 },
    { bucket: '8-30', count: 1 },
    { bucket: '31-90', count: 1 },
    { bucket: '91-180', count: 0 },
    { bucket: '180+', count: 0 },
  ],
  sla: { onTrack: 1, dueSoon: 0, overdue: 1 },
  meanTimeToRemediateDays: 9.4,
  fixedLast30Days: 3,
  burndown: [
    { day: '2026-11-25', open: 5, overdue: 2 },
    { day: '2026-11-27', open: 2, overdue: 1 },
  ],
  topFindings: [imdsFinding, keyFinding],
};
