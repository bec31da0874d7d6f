import type { PavedRoadLevel } from '@pavedroad/guardrails-core/model';
import type { ScorecardQuery, ScorecardSort } from '../../api';

/** The overview's filters as the user picks them; `''` is "any". */
export interface ScorecardFilters {
  owner: string;
  system: string;
  lifecycle: string;
  level: PavedRoadLevel | '';
  q: string;
  sort: ScorecardSort;
}

export const DEFAULT_SCORECARD_FILTERS: ScorecardFilters = {
  owner: '',
  system: '',
  lifecycle: '',
  level: '',
  q: '',
  sort: 'score',
};

/** The API query for a set of filters (lowest score first by default: the services that need help). */
export function scorecardQuery(filters: ScorecardFilters): ScorecardQuery {
  const one = <T extends string>(value: T | ''): T[] | undefined => (value === '' ? undefined : [value]);
  return {
    owner: one(filters.owner),
    system: one(filters.system),
    lifecycle: one(filters.lifecycle),
    level: one(filters.level),
    q: filters.q.trim() || undefined,
    sort: filters.sort,
  };
}
