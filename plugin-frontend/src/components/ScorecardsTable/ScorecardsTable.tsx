import { Link } from '@backstage/core-components';
import type { TableColumn } from '@backstage/core-components';
import { MenuItem, TextField, Typography, makeStyles } from '@material-ui/core';
import type { Page, ScorecardSummary } from '@pavedroad/guardrails-core/model';
import type { ChangeEvent } from 'react';
import { PagedTable } from '../PagedTable';
import type { ScorecardSort } from '../../api';
import { formatDate } from '../../format';
import { GradeBadge } from '../GradeBadge';
import { LevelBadge } from '../LevelBadge';
import type { ScorecardFilters } from './scorecardFilters';

const SORT_LABELS: Record<ScorecardSort, string> = {
  score: 'Lowest score first',
  '-score': 'Highest score first',
  name: 'Name A–Z',
  '-name': 'Name Z–A',
  '-open': 'Most open findings',
  open: 'Fewest open findings',
  '-overdue': 'Most overdue findings',
  overdue: 'Fewest overdue findings',
};

const useStyles = makeStyles((theme) => ({
  filters: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2), marginBottom: theme.spacing(2) },
  filter: { minWidth: 170 },
  overdue: { color: theme.palette.error.main, fontWeight: 600 },
  secondary: { color: theme.palette.text.secondary },
}));

export interface ScorecardFilterOptions {
  owners: readonly string[];
  systems: readonly string[];
  lifecycles: readonly string[];
}

export interface ScorecardsTableProps {
  page: Page<ScorecardSummary> | undefined;
  loading: boolean;
  filters: ScorecardFilters;
  options: ScorecardFilterOptions;
  onFiltersChange: (filters: ScorecardFilters) => void;
  onPageChange: (offset: number, limit: number) => void;
  entityLink: (entityRef: string) => string;
  teamLink: (owner: string) => string | undefined;
}

function shortRef(ref: string): string {
  // `group:default/team-a` reads as `team-a`; other namespaces and kinds stay visible.
  return ref.replace(/^(group|user|system):default\//, '');
}

const PAGE_SIZES = [25, 50, 100];

/** Every service with its level, grade, score and findings; filters and sort run on the server. */
export function ScorecardsTable(props: ScorecardsTableProps) {
  const classes = useStyles();
  const { filters } = props;
  const change =
    <K extends keyof ScorecardFilters>(key: K) =>
    (e: ChangeEvent<HTMLInputElement>) =>
      props.onFiltersChange({ ...filters, [key]: e.target.value as ScorecardFilters[K] });

  const select = (key: 'owner' | 'system' | 'lifecycle', label: string, values: readonly string[]) => (
    <TextField
      select
      id={`guardrails-services-filter-${key}`}
      label={label}
      value={filters[key]}
      onChange={change(key)}
      variant="outlined"
      size="small"
      className={classes.filter}
    >
      <MenuItem value="">Any {label.toLocaleLowerCase()}</MenuItem>
      {values.map((v) => (
        <MenuItem key={v} value={v}>
          {shortRef(v)}
        </MenuItem>
      ))}
    </TextField>
  );

  const columns: TableColumn<ScorecardSummary>[] = [
    {
      title: 'Service',
      field: 'entity.name',
      render: (s) => (
        <>
          <Link to={props.entityLink(s.entity.entityRef)}>{s.entity.title ?? s.entity.name}</Link>
          <Typography variant="caption" component="div" className={classes.secondary}>
            {s.entity.kind.toLocaleLowerCase()}
            {s.entity.type ? ` · ${s.entity.type}` : ''}
          </Typography>
        </>
      ),
    },
    {
      title: 'Owner',
      field: 'entity.owner',
      render: (s) => {
        if (!s.entity.owner) return '—';
        const link = props.teamLink(s.entity.owner);
        return link ? (
          <Link to={link} aria-label={`Team remediation for ${shortRef(s.entity.owner)}`}>
            {shortRef(s.entity.owner)}
          </Link>
        ) : (
          shortRef(s.entity.owner)
        );
      },
    },
    { title: 'System', field: 'entity.system', render: (s) => (s.entity.system ? shortRef(s.entity.system) : '—') },
    { title: 'Lifecycle', field: 'entity.lifecycle', render: (s) => s.entity.lifecycle ?? '—' },
    {
      title: 'Level',
      field: 'level',
      render: (s) =>
        s.evaluated ? (
          <LevelBadge level={s.level} size="small" />
        ) : (
          <Typography variant="caption" className={classes.secondary}>
            Not scanned
          </Typography>
        ),
    },
    { title: 'Grade', field: 'grade', render: (s) => (s.evaluated ? <GradeBadge grade={s.grade} size="small" /> : '—') },
    { title: 'Score', field: 'score', type: 'numeric', render: (s) => s.score ?? '—' },
    { title: 'Open', field: 'openFindings', type: 'numeric' },
    {
      title: 'Overdue',
      field: 'overdueFindings',
      type: 'numeric',
      render: (s) =>
        s.overdueFindings > 0 ? <span className={classes.overdue}>{s.overdueFindings}</span> : s.overdueFindings,
    },
    { title: 'Last scan', field: 'updatedAt', render: (s) => (s.updatedAt ? formatDate(s.updatedAt) : '—') },
  ];

  const page = props.page;
  return (
    <div>
      <div className={classes.filters} role="group" aria-label="Filter services">
        <TextField
          id="guardrails-services-search"
          label="Search"
          type="search"
          value={filters.q}
          onChange={change('q')}
          variant="outlined"
          size="small"
          className={classes.filter}
        />
        {select('owner', 'Owner', props.options.owners)}
        {select('system', 'System', props.options.systems)}
        {select('lifecycle', 'Lifecycle', props.options.lifecycles)}
        <TextField
          select
          id="guardrails-services-filter-level"
          label="Level"
          value={filters.level}
          onChange={change('level')}
          variant="outlined"
          size="small"
          className={classes.filter}
        >
          <MenuItem value="">Any level</MenuItem>
          <MenuItem value="gold">Gold</MenuItem>
          <MenuItem value="silver">Silver</MenuItem>
          <MenuItem value="bronze">Bronze</MenuItem>
          <MenuItem value="none">No level</MenuItem>
        </TextField>
        <TextField
          select
          id="guardrails-services-sort"
          label="Sort"
          value={filters.sort}
          onChange={change('sort')}
          variant="outlined"
          size="small"
          className={classes.filter}
        >
          {(Object.keys(SORT_LABELS) as ScorecardSort[]).map((s) => (
            <MenuItem key={s} value={s}>
              {SORT_LABELS[s]}
            </MenuItem>
          ))}
        </TextField>
      </div>
      <PagedTable<ScorecardSummary>
        title="Services"
        page={page}
        loading={props.loading}
        columns={columns}
        pageSizes={PAGE_SIZES}
        defaultLimit={PAGE_SIZES[0]!}
        emptyText="No services match these filters."
        onPageChange={props.onPageChange}
      />
    </div>
  );
}
