import { InfoCard, Link, Table } from '@backstage/core-components';
import type { TableColumn } from '@backstage/core-components';
import { Box, Grid, Typography, makeStyles } from '@material-ui/core';
import type { FindingView, ScorecardSummary, TeamRemediation } from '@pavedroad/guardrails-core/model';
import { formatDate, formatDays } from '../../format';
import { BurndownChart } from '../BurndownChart';
import { GradeBadge } from '../GradeBadge';
import { LevelBadge } from '../LevelBadge';
import { SeverityLabel } from '../SeverityLabel';
import { findingWhere } from '../TopFindingsList';

const SLA_COLOURS = { onTrack: '#2e7d32', dueSoon: '#a66300', overdue: '#b71c1c' } as const;

const useStyles = makeStyles((theme) => ({
  figures: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(4), margin: 0 },
  value: { fontSize: '2rem', fontWeight: 700, lineHeight: 1.1, margin: 0 },
  overdue: { color: theme.palette.error.main, fontWeight: 600 },
  slaBar: { display: 'flex', height: 16, borderRadius: 4, overflow: 'hidden', background: theme.palette.divider },
  legend: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2), listStyle: 'none', padding: 0, margin: theme.spacing(1, 0, 0) },
  swatch: { display: 'inline-block', width: 12, height: 12, borderRadius: 2, marginRight: 6, verticalAlign: 'middle' },
  agingTable: { width: '100%', borderCollapse: 'collapse', '& th, & td': { padding: theme.spacing(0.5), textAlign: 'left' } },
  agingBar: { height: 12, background: theme.palette.primary.main, borderRadius: 2, minWidth: 2 },
  secondary: { color: theme.palette.text.secondary },
}));

function SlaStatus(props: { sla: TeamRemediation['sla'] }) {
  const classes = useStyles();
  const { onTrack, dueSoon, overdue } = props.sla;
  const total = onTrack + dueSoon + overdue;
  const parts = [
    { key: 'onTrack', label: 'On track', count: onTrack, colour: SLA_COLOURS.onTrack },
    { key: 'dueSoon', label: 'Due within 7 days', count: dueSoon, colour: SLA_COLOURS.dueSoon },
    { key: 'overdue', label: 'Overdue', count: overdue, colour: SLA_COLOURS.overdue },
  ];
  return (
    <InfoCard title="SLA status" variant="gridItem">
      <div className={classes.slaBar} aria-hidden>
        {total > 0 &&
          parts.map((p) => <span key={p.key} style={{ width: `${(100 * p.count) / total}%`, background: p.colour }} />)}
      </div>
      <ul className={classes.legend}>
        {parts.map((p) => (
          <li key={p.key}>
            <span className={classes.swatch} style={{ background: p.colour }} aria-hidden />
            <Typography variant="body2" component="span">
              {p.label}: <strong>{p.count}</strong>
            </Typography>
          </li>
        ))}
      </ul>
    </InfoCard>
  );
}

function Aging(props: { aging: TeamRemediation['aging'] }) {
  const classes = useStyles();
  const max = Math.max(1, ...props.aging.map((a) => a.count));
  return (
    <InfoCard title="Open findings by age" variant="gridItem">
      <table className={classes.agingTable}>
        <thead>
          <tr>
            <th scope="col">Age (days)</th>
            <th scope="col">Findings</th>
            <th scope="col" aria-hidden />
          </tr>
        </thead>
        <tbody>
          {props.aging.map((a) => (
            <tr key={a.bucket}>
              <th scope="row">{a.bucket}</th>
              <td>{a.count}</td>
              <td style={{ width: '60%' }} aria-hidden>
                <div className={classes.agingBar} style={{ width: `${(100 * a.count) / max}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </InfoCard>
  );
}

export interface TeamRemediationViewProps {
  team: TeamRemediation;
  entityLink: (entityRef: string) => string;
}

/** One team's remediation: open and overdue, SLA, aging, burn-down, its services by risk and what to fix first. */
export function TeamRemediationView(props: TeamRemediationViewProps) {
  const classes = useStyles();
  const t = props.team;
  const serviceColumns: TableColumn<ScorecardSummary>[] = [
    {
      title: 'Service',
      field: 'entity.name',
      render: (s) => <Link to={props.entityLink(s.entity.entityRef)}>{s.entity.title ?? s.entity.name}</Link>,
    },
    { title: 'Level', field: 'level', render: (s) => (s.evaluated ? <LevelBadge level={s.level} size="small" /> : 'Not scanned') },
    { title: 'Grade', field: 'grade', render: (s) => (s.evaluated ? <GradeBadge grade={s.grade} size="small" /> : '—') },
    { title: 'Score', field: 'score', type: 'numeric', render: (s) => s.score ?? '—' },
    { title: 'Critical', field: 'bySeverity.critical', type: 'numeric' },
    { title: 'High', field: 'bySeverity.high', type: 'numeric' },
    { title: 'Open', field: 'openFindings', type: 'numeric' },
    {
      title: 'Overdue',
      field: 'overdueFindings',
      type: 'numeric',
      render: (s) => (s.overdueFindings > 0 ? <span className={classes.overdue}>{s.overdueFindings}</span> : 0),
    },
  ];
  const findingColumns: TableColumn<FindingView>[] = [
    { title: 'Severity', field: 'severity', render: (f) => <SeverityLabel severity={f.severity} /> },
    {
      title: 'Finding',
      field: 'title',
      render: (f) => (
        <>
          {f.link ? <Link to={f.link}>{f.title}</Link> : f.title}
          <Typography variant="caption" component="div" className={classes.secondary}>
            {findingWhere(f)}
          </Typography>
        </>
      ),
    },
    {
      title: 'Service',
      field: 'entityRef',
      render: (f) => <Link to={props.entityLink(f.entityRef)}>{f.entityRef.replace(/^[^:]+:default\//, '')}</Link>,
    },
    { title: 'Age', field: 'ageDays', render: (f) => formatDays(f.ageDays) },
    {
      title: 'Due',
      field: 'dueAt',
      render: (f) => {
        if (!f.dueAt) return '—';
        return f.overdue ? <span className={classes.overdue}>Overdue · {formatDate(f.dueAt)}</span> : formatDate(f.dueAt);
      },
    },
  ];
  const figures = [
    { label: 'Open findings', value: String(t.openFindings) },
    { label: 'Overdue', value: String(t.overdueFindings), overdue: t.overdueFindings > 0 },
    {
      label: 'Mean time to remediate',
      value: t.meanTimeToRemediateDays === null ? '—' : `${Math.round(t.meanTimeToRemediateDays)} d`,
    },
    { label: 'Fixed in 30 days', value: String(t.fixedLast30Days) },
  ];

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title={`Remediation: ${t.team.title ?? t.team.entityRef.replace(/^group:default\//, '')}`}>
          <dl className={classes.figures}>
            {figures.map((f) => (
              <div key={f.label}>
                <dt>
                  <Typography variant="overline">{f.label}</Typography>
                </dt>
                <dd className={`${classes.value} ${f.overdue ? classes.overdue : ''}`}>{f.value}</dd>
              </div>
            ))}
          </dl>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <SlaStatus sla={t.sla} />
      </Grid>
      <Grid item xs={12} md={6}>
        <Aging aging={t.aging} />
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Burn-down">
          <BurndownChart points={t.burndown} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <Table<ScorecardSummary>
          title="Services by risk"
          columns={serviceColumns}
          data={[...t.services]}
          options={{ paging: false, search: false, padding: 'dense', sorting: false, draggable: false }}
          emptyContent={
            <Box p={2}>
              <Typography variant="body2">This team owns no scanned service.</Typography>
            </Box>
          }
        />
      </Grid>
      <Grid item xs={12}>
        <Table<FindingView>
          title="Fix first"
          subtitle="Open findings, overdue and due soonest first"
          columns={findingColumns}
          data={[...t.topFindings]}
          options={{ paging: false, search: false, padding: 'dense', sorting: false, draggable: false }}
          emptyContent={
            <Box p={2}>
              <Typography variant="body2">No open findings.</Typography>
            </Box>
          }
        />
      </Grid>
    </Grid>
  );
}
