import { ACTIVE_FINDING_STATUSES } from '@pavedroad/guardrails-core/model';
import type { FindingStatus, GuardrailId, PostureSource, Severity } from '@pavedroad/guardrails-core/model';
import type { FindingQuery } from '../../api';

/** The findings table's filters as the user picks them; `active` is open and reopened. */
export interface FindingFilters {
  guardrail: GuardrailId | 'all';
  severity: Severity | 'all';
  status: FindingStatus | 'active' | 'all';
  source: PostureSource | 'all';
}

export const DEFAULT_FINDING_FILTERS: FindingFilters = {
  guardrail: 'all',
  severity: 'all',
  status: 'active',
  source: 'all',
};

/** The API query for a set of filters. */
export function findingQuery(filters: FindingFilters): FindingQuery {
  const one = <T extends string>(value: T | 'all'): T[] | undefined => (value === 'all' ? undefined : [value]);
  let status: FindingStatus[] | undefined;
  if (filters.status === 'active') status = [...ACTIVE_FINDING_STATUSES];
  else if (filters.status !== 'all') status = [filters.status];
  return {
    guardrail: one(filters.guardrail),
    severity: one(filters.severity),
    status,
    source: one(filters.source),
  };
}
