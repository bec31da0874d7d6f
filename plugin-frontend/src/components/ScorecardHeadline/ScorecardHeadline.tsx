import { Box, Typography, makeStyles } from '@material-ui/core';
import type { ScorecardSummary } from '@pavedroad/guardrails-core/model';
import { formatDate } from '../../format';
import { GradeBadge } from '../GradeBadge';
import { LevelBadge } from '../LevelBadge';

const useStyles = makeStyles((theme) => ({
  root: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: theme.spacing(2) },
  score: { fontSize: '2rem', fontWeight: 700, lineHeight: 1 },
  outOf: { fontSize: '1rem', color: theme.palette.text.secondary, fontWeight: 400 },
  overdue: { color: theme.palette.error.main, fontWeight: 600 },
}));

/** Level, grade and score in one line, with the open and overdue counts: the at-a-glance part of a scorecard. */
export function ScorecardHeadline(props: { scorecard: ScorecardSummary }) {
  const classes = useStyles();
  const { scorecard } = props;
  return (
    <Box>
      <div className={classes.root}>
        <LevelBadge level={scorecard.level} />
        <GradeBadge grade={scorecard.grade} />
        <div aria-label={scorecard.score === null ? 'No score' : `Score ${scorecard.score} out of 100`} role="img">
          <span className={classes.score}>{scorecard.score ?? '–'}</span>
          <span className={classes.outOf}> / 100</span>
        </div>
        <Typography variant="body2" component="p">
          <strong>{scorecard.openFindings}</strong> open{' '}
          {scorecard.overdueFindings > 0 ? (
            <span className={classes.overdue}>· {scorecard.overdueFindings} overdue</span>
          ) : (
            <span>· none overdue</span>
          )}
        </Typography>
      </div>
      {scorecard.updatedAt && (
        <Typography variant="caption" color="textSecondary" component="p">
          Last scan {formatDate(scorecard.updatedAt)}
        </Typography>
      )}
    </Box>
  );
}
