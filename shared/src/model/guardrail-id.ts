/** Stable guardrail ids. Never renamed or reused: scorecards and suppressions refer to them. */
export const GUARDRAIL_IDS = [
  'no-leaked-secrets',
  'no-long-lived-keys-in-ci',
  'no-long-lived-cloud-keys',
  'human-access-federated',
  'imdsv2-enforced',
  'storage-not-public',
  'k8s-api-private',
  'least-privilege-workloads',
  'third-party-roles-safe',
  'data-perimeter',
  'management-account-clean',
  'ci-hardened',
] as const;

export type GuardrailId = (typeof GUARDRAIL_IDS)[number];

export function isGuardrailId(value: unknown): value is GuardrailId {
  return typeof value === 'string' && (GUARDRAIL_IDS as readonly string[]).includes(value);
}
