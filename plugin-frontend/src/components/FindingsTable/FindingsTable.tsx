import { Link } from '@backstage/core-components';
import type { TableColumn } from '@backstage/core-components';
import { Box, Button, MenuItem, TextField, Typography, makeStyles } from '@material-ui/core';
import { FINDING_STATUSES, GUARDRAILS, SEVERITIES } from '@pavedroad/guardrails-core/model';
import type { FindingStatus, FindingView, Page } from '@pavedroad/guardrails-core/model';
import type { ChangeEvent } from 'react';
import { PagedTable } from '../PagedTable';
import { formatDate, formatDays } from '../../format';
import { guardrailTitle } from '../../guardrails';
import { FindingDetails } from '../FindingDetails';
import { SeverityLabel } from '../SeverityLabel';
import { findingWhere } from '../TopFindingsList';
import type { FindingFilters } from './findingFilters';

const STATUS_LABELS: Record<FindingStatus, string> = {
  open: 'Open',
  reopened: 'Reopened',
  fixed: 'Fixed',
  suppressed: 'Suppressed',
  accepted: 'Accepted risk',
};

const useStyles = makeStyles((theme) => ({
  filters: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2), marginBottom: theme.spacing(2) },
  filter: { minWidth: 180 },
  where: { color: theme.palette.text.secondary, wordBreak: 'break-all' },
  overdue: { color: theme.palette.error.main, fontWeight: 600 },
}));

export const PAGE_SIZES = [10, 25, 50, 100];

export interface FindingsTableProps {
  page: Page<FindingView> | undefined;
  loading: boolean;
  filters: FindingFilters;
  onFiltersChange: (filters: FindingFilters) => void;
  onPageChange: (offset: number, limit: number) => void;
  /** Shows the triage button on open findings (and reopen on triaged ones). */
  canTriage: boolean;
  onTriage: (finding: FindingView) => void;
}

function FilterSelect<K extends keyof FindingFilters>(props: {
  name: K;
  label: string;
  value: FindingFilters[K];
  options: readonly { value: FindingFilters[K]; label: string }[];
  onChange: (value: FindingFilters[K]) => void;
  className: string;
}) {
  return (
    <TextField
      select
      id={`guardrails-findings-filter-${props.name}`}
      label={props.label}
      value={props.value}
      variant="outlined"
      size="small"
      className={props.className}
      onChange={(e: ChangeEvent<HTMLInputElement>) => props.onChange(e.target.value as FindingFilters[K])}
    >
      {props.options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

function triageLabel(status: FindingStatus): string | undefined {
  switch (status) {
    case 'open':
    case 'reopened':
      return 'Triage';
    case 'suppressed':
    case 'accepted':
      return 'Reopen';
    case 'fixed':
      return undefined;
  }
}

/** An entity's findings: filters, one row per finding with its link, age, due date and fix; paged by the server. */
export function FindingsTable(props: FindingsTableProps) {
  const classes = useStyles();
  const { filters, onFiltersChange } = props;
  const set = <K extends keyof FindingFilters>(key: K) => (value: FindingFilters[K]) =>
    onFiltersChange({ ...filters, [key]: value });

  const columns: TableColumn<FindingView>[] = [
    {
      title: 'Severity',
      field: 'severity',
      width: '7rem',
      render: (f) => <SeverityLabel severity={f.severity} />,
    },
    {
      title: 'Finding',
      field: 'title',
      render: (f) => (
        <Box minWidth={260}>
          <Typography variant="body2" component="div">
            {f.link ? <Link to={f.link}>{f.title}</Link> : f.title}
          </Typography>
          <Typography variant="caption" component="div">
            {f.message}
          </Typography>
          <Typography variant="caption" component="div" className={classes.where}>
            {findingWhere(f)}
          </Typography>
          <FindingDetails finding={f} />
        </Box>
      ),
    },
    { title: 'Guardrail', field: 'guardrail', render: (f) => guardrailTitle(f.guardrail) },
    { title: 'Source', field: 'source', render: (f) => (f.source === 'aws' ? 'AWS (live)' : 'Repository') },
    {
      title: 'Status',
      field: 'status',
      render: (f) => (
        <>
          {STATUS_LABELS[f.status]}
          {f.triage?.expiresAt && (
            <Typography variant="caption" component="div">
              until {formatDate(f.triage.expiresAt)}
            </Typography>
          )}
        </>
      ),
    },
    { title: 'Age', field: 'ageDays', render: (f) => formatDays(f.ageDays) },
    {
      title: 'Due',
      field: 'dueAt',
      render: (f) => {
        if (!f.dueAt) return '—';
        return f.overdue ? (
          <span className={classes.overdue}>Overdue · {formatDate(f.dueAt)}</span>
        ) : (
          formatDate(f.dueAt)
        );
      },
    },
  ];
  if (props.canTriage) {
    columns.push({
      title: 'Actions',
      field: 'id',
      render: (f) => {
        const label = triageLabel(f.status);
        return label ? (
          <Button size="small" variant="outlined" onClick={() => props.onTriage(f)} aria-label={`${label}: ${f.title}`}>
            {label}
          </Button>
        ) : null;
      },
    });
  }

  const page = props.page;
  return (
    <div>
      <div className={classes.filters} role="group" aria-label="Filter findings">
        <FilterSelect
          name="guardrail"
          label="Guardrail"
          className={classes.filter}
          value={filters.guardrail}
          onChange={set('guardrail')}
          options={[{ value: 'all', label: 'All guardrails' }, ...GUARDRAILS.map((g) => ({ value: g.id, label: g.title }))]}
        />
        <FilterSelect
          name="severity"
          label="Severity"
          className={classes.filter}
          value={filters.severity}
          onChange={set('severity')}
          options={[{ value: 'all', label: 'All severities' }, ...SEVERITIES.map((s) => ({ value: s, label: s }))]}
        />
        <FilterSelect
          name="status"
          label="Status"
          className={classes.filter}
          value={filters.status}
          onChange={set('status')}
          options={[
            { value: 'active', label: 'Open and reopened' },
            { value: 'all', label: 'All statuses' },
            ...FINDING_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
          ]}
        />
        <FilterSelect
          name="source"
          label="Source"
          className={classes.filter}
          value={filters.source}
          onChange={set('source')}
          options={[
            { value: 'all', label: 'All sources' },
            { value: 'repo', label: 'Repository' },
            { value: 'aws', label: 'AWS (live)' },
          ]}
        />
      </div>
      <PagedTable<FindingView>
        title="Findings"
        page={page}
        loading={props.loading}
        columns={columns}
        pageSizes={PAGE_SIZES}
        defaultLimit={PAGE_SIZES[1]!}
        emptyText="No findings match these filters."
        onPageChange={props.onPageChange}
      />
    </div>
  );
}
