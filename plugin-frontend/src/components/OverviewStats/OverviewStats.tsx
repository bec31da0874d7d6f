import { InfoCard } from '@backstage/core-components';
import { Box, Typography, makeStyles } from '@material-ui/core';
import type { Grade, Overview, PavedRoadLevel } from '@pavedroad/guardrails-core/model';
import { GradeBadge } from '../GradeBadge';
import { LevelBadge } from '../LevelBadge';

const LEVELS: readonly PavedRoadLevel[] = ['gold', 'silver', 'bronze', 'none'];
const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D', 'F'];

const useStyles = makeStyles((theme) => ({
  figures: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(4), margin: 0 },
  figure: { margin: 0 },
  value: { fontSize: '2rem', fontWeight: 700, lineHeight: 1.1, margin: 0 },
  overdue: { color: theme.palette.error.main },
  row: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2), alignItems: 'center', marginTop: theme.spacing(2) },
  pair: { display: 'inline-flex', alignItems: 'center', gap: theme.spacing(0.5) },
}));

/** The estate at a glance: services, how many are scanned, open and overdue findings, levels and grades. */
export function OverviewStats(props: { overview: Overview }) {
  const classes = useStyles();
  const o = props.overview;
  const figures: { label: string; value: number; className?: string }[] = [
    { label: 'Services', value: o.services },
    { label: 'Scanned', value: o.evaluated },
    { label: 'Open findings', value: o.openFindings },
    { label: 'Overdue', value: o.overdueFindings, className: o.overdueFindings > 0 ? classes.overdue : '' },
  ];
  return (
    <InfoCard title="Paved road at a glance" variant="gridItem">
      <dl className={classes.figures}>
        {figures.map((f) => (
          <div key={f.label}>
            <dt>
              <Typography variant="overline">{f.label}</Typography>
            </dt>
            <dd className={`${classes.value} ${f.className ?? ''}`}>{f.value}</dd>
          </div>
        ))}
      </dl>
      <Box className={classes.row} aria-label="Services by level" role="list">
        {LEVELS.map((level) => (
          <span key={level} className={classes.pair} role="listitem">
            <LevelBadge level={level} size="small" /> {o.levels[level] ?? 0}
          </span>
        ))}
      </Box>
      <Box className={classes.row} aria-label="Services by grade" role="list">
        {GRADES.map((grade) => (
          <span key={grade} className={classes.pair} role="listitem">
            <GradeBadge grade={grade} size="small" /> {o.grades[grade] ?? 0}
          </span>
        ))}
        <span className={classes.pair} role="listitem">
          <GradeBadge grade={null} size="small" /> {o.grades.none ?? 0}
        </span>
      </Box>
    </InfoCard>
  );
}
