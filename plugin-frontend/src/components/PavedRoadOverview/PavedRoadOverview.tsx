import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Grid } from '@material-ui/core';
import type { ScorecardSummary } from '@pavedroad/guardrails-core/model';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { guardrailsApiRef } from '../../api';
import { useEntityPageLink, useTeamLink } from '../../hooks';
import { AdoptionTable } from '../AdoptionTable';
import { OverviewStats } from '../OverviewStats';
import { DEFAULT_SCORECARD_FILTERS, ScorecardsTable, scorecardQuery } from '../ScorecardsTable';
import type { ScorecardFilterOptions, ScorecardFilters } from '../ScorecardsTable';
import { TeamsList } from '../TeamsList';
import type { TeamEntry } from '../TeamsList';
import { UnclaimedReportsNotice } from '../UnclaimedReportsNotice';

const OVERVIEW_DAYS = 90;
/** Services read once to offer filter values and the team list (the API has no facets route). */
const FACET_WINDOW = 1000;
const SEARCH_DEBOUNCE_MS = 300;

function distinct(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))].sort((a, b) => a.localeCompare(b));
}

function facetOptions(services: readonly ScorecardSummary[]): ScorecardFilterOptions {
  return {
    owners: distinct(services.map((s) => s.entity.owner)),
    systems: distinct(services.map((s) => s.entity.system)),
    lifecycles: distinct(services.map((s) => s.entity.lifecycle)),
  };
}

function teamEntries(services: readonly ScorecardSummary[], teamLink: (owner: string) => string | undefined): TeamEntry[] {
  const teams = new Map<string, TeamEntry>();
  for (const s of services) {
    const owner = s.entity.owner;
    if (!owner) continue;
    const link = teamLink(owner);
    if (!link) continue;
    const entry = teams.get(owner) ?? { owner, label: owner.replace(/^group:default\//, ''), services: 0, overdue: 0, link };
    entry.services += 1;
    entry.overdue += s.overdueFindings;
    teams.set(owner, entry);
  }
  return [...teams.values()].sort((a, b) => b.overdue - a.overdue || a.label.localeCompare(b.label));
}

/** The paved-road overview: the estate at a glance, adoption against the industry, every service, every team. */
export function PavedRoadOverview() {
  const api = useApi(guardrailsApiRef);
  const entityLink = useEntityPageLink();
  const teamLink = useTeamLink();
  const [filters, setFilters] = useState<ScorecardFilters>(DEFAULT_SCORECARD_FILTERS);
  const [search, setSearch] = useState('');
  const [paging, setPaging] = useState({ offset: 0, limit: 25 });
  useDebounce(() => setSearch(filters.q), SEARCH_DEBOUNCE_MS, [filters.q]);

  const overview = useAsync(() => api.getOverview({ days: OVERVIEW_DAYS }), [api]);
  const facets = useAsync(() => api.listScorecards({ limit: FACET_WINDOW, sort: 'name' }), [api]);
  const unclaimed = useAsync(() => api.listUnclaimedReports({ limit: 5 }), [api]);
  const appliedKey = JSON.stringify({ ...filters, q: search });
  const scorecards = useAsync(
    () => api.listScorecards({ ...scorecardQuery({ ...filters, q: search }), ...paging }),
    // The typed search text applies after the debounce; every other filter at once.
    [api, appliedKey, paging],
  );

  const options = useMemo(() => facetOptions(facets.value?.items ?? []), [facets.value]);
  const teams = teamEntries(facets.value?.items ?? [], teamLink);

  if (overview.loading) return <Progress />;
  if (overview.error) return <ResponseErrorPanel error={overview.error} />;

  return (
    <Grid container spacing={3}>
      {unclaimed.value && unclaimed.value.total > 0 && (
        <Grid item xs={12}>
          <UnclaimedReportsNotice page={unclaimed.value} />
        </Grid>
      )}
      <Grid item xs={12} md={8}>
        {overview.value && <OverviewStats overview={overview.value} />}
      </Grid>
      <Grid item xs={12} md={4}>
        <TeamsList teams={teams} />
      </Grid>
      <Grid item xs={12}>
        {scorecards.error && <ResponseErrorPanel error={scorecards.error} title="Could not load services" />}
        <ScorecardsTable
          page={scorecards.value}
          loading={scorecards.loading}
          filters={filters}
          options={options}
          onFiltersChange={(next) => {
            setFilters(next);
            setPaging((p) => ({ ...p, offset: 0 }));
          }}
          onPageChange={(offset, limit) => setPaging({ offset, limit })}
          entityLink={entityLink}
          teamLink={teamLink}
        />
      </Grid>
      <Grid item xs={12}>
        {overview.value && <AdoptionTable adoption={overview.value.adoption} />}
      </Grid>
    </Grid>
  );
}
