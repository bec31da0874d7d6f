import { guardrailResults } from '../../engine/guardrail-results';
import type { GuardrailEvidence } from '../../iac/engine/check-resources';
import { checkResources } from '../../iac/engine/check-resources';
import type { Resource, ResourceKind } from '../../iac/model/resources';
import { ResourceModel } from '../../iac/model/resources';
import { RESOURCE_RULES } from '../../iac/resource-rule-registry';
import type { AnyResourceRule } from '../../iac/rules/resource-rule';
import type { Finding } from '../../model/finding';
import type { GuardrailId } from '../../model/guardrail-id';
import type { GuardrailResult } from '../../model/report';
import { compareSeverity } from '../../model/severity';
import type { LiveInventory } from '../collect/live-inventory';
import { LIVE_RULES } from '../live-rule-registry';
import { liveFinding } from './live-finding';

/** The guardrails a live scan evaluates, in catalog order. */
export const LIVE_GUARDRAILS: readonly GuardrailId[] = [
  'no-long-lived-cloud-keys',
  'human-access-federated',
  'imdsv2-enforced',
  'storage-not-public',
  'k8s-api-private',
  'least-privilege-workloads',
  'third-party-roles-safe',
  'data-perimeter',
  'management-account-clean',
];

/** The core's resource rules for those guardrails, then the live-only rules. */
export function liveRules(): AnyResourceRule[] {
  return [...RESOURCE_RULES.filter((r) => LIVE_GUARDRAILS.includes(r.guardrail)), ...LIVE_RULES];
}

// Guardrails whose goal is that nothing exists: an account without user keys or console passwords passes.
const ABSENCE_PASSES = new Set<GuardrailId>(['no-long-lived-cloud-keys', 'human-access-federated']);
// What regional workloads need from the global inventory to resolve their roles.
const IAM_GRAPH = new Set<ResourceKind>(['iam-role', 'instance-profile', 'iam-managed-policy', 'iam-policy-attachment']);

const NOT_FOUND: Readonly<Partial<Record<GuardrailId, string>>> = {
  'imdsv2-enforced': 'no EC2 instances or launch templates in the scanned regions',
  'k8s-api-private': 'no EKS clusters in the scanned regions',
  'least-privilege-workloads': 'no IAM roles in the account',
  'third-party-roles-safe': 'no IAM roles in the account',
  'data-perimeter': 'no bucket policies in the account',
  'storage-not-public': 'no S3 buckets in the account',
};

/** `a; b (and 3 more)`: a guardrail's unknown reason stays readable when many things were undecided. */
function summarize(reasons: readonly string[]): string {
  const shown = reasons.slice(0, 2).join('; ');
  return reasons.length > 2 ? `${shown} (and ${reasons.length - 2} more)` : shown;
}

/**
 * Runs the guardrail checks over a live inventory. Each region is checked against its own resources plus the
 * account's IAM graph (so `imds-defaults` is that region's); global resources (IAM, S3, the account) are checked
 * against everything, so a role sees every workload that uses it. Guardrails with collection gaps are `unknown`.
 */
export function checkInventory(inventory: LiveInventory, gaps: ReadonlyMap<GuardrailId, readonly string[]>): { findings: Finding[]; guardrails: GuardrailResult[] } {
  const rules = liveRules();
  const evidence = new Map<GuardrailId, GuardrailEvidence>(LIVE_GUARDRAILS.map((g) => [g, { applicable: ABSENCE_PASSES.has(g), undecided: [] }]));
  const byFingerprint = new Map<string, Finding>();
  const sink = (rule: AnyResourceRule, resource: Resource, report: Parameters<Parameters<typeof checkResources>[3]>[2]) => {
    const finding = liveFinding(rule, resource, report, inventory);
    if (!finding) return;
    // The same problem reported twice (a role admin by two policies) is one finding: keep the most severe.
    const seen = byFingerprint.get(finding.fingerprint);
    if (!seen || compareSeverity(finding.severity, seen.severity) > 0) byFingerprint.set(finding.fingerprint, finding);
  };

  const iamGraph = inventory.global.filter((r) => IAM_GRAPH.has(r.kind));
  const regional: Resource[] = [];
  for (const resources of inventory.regional.values()) {
    checkResources(new ResourceModel([...resources, ...iamGraph]), rules, evidence, sink, resources);
    for (const r of resources) if (r.kind !== 'imds-defaults') regional.push(r);
  }
  checkResources(new ResourceModel([...inventory.global, ...regional]), rules, evidence, sink, inventory.global);

  const incomplete = new Map<GuardrailId, string>();
  const notApplicable = new Map<GuardrailId, string>();
  for (const g of LIVE_GUARDRAILS) {
    const reasons = [...(gaps.get(g) ?? []), ...(evidence.get(g)?.undecided ?? [])];
    if (reasons.length) incomplete.set(g, summarize([...new Set(reasons)]));
    if (!evidence.get(g)?.applicable) notApplicable.set(g, NOT_FOUND[g] ?? 'nothing this guardrail judges was found');
  }
  const findings = [...byFingerprint.values()];
  return { findings, guardrails: guardrailResults(LIVE_GUARDRAILS, findings, incomplete, notApplicable) };
}
