import { GUARDRAILS } from '@pavedroad/guardrails-core/model';
import type { GuardrailId } from '@pavedroad/guardrails-core/model';

const TITLES = new Map<string, string>(GUARDRAILS.map((g) => [g.id, g.title]));

/** The catalog title of a guardrail ("EC2 requires IMDSv2"); the id itself for one this build does not know. */
export function guardrailTitle(id: GuardrailId): string {
  return TITLES.get(id) ?? id;
}
