import { Typography, makeStyles } from '@material-ui/core';
import type { SourceView } from '@pavedroad/guardrails-core/model';
import { formatDate } from '../../format';

const useStyles = makeStyles((theme) => ({
  list: { margin: 0, paddingLeft: theme.spacing(2) },
  partial: { color: theme.palette.warning.dark, fontWeight: 600 },
}));

function describe(s: SourceView): string {
  if (s.source === 'aws') return `AWS account ${s.sourceKey} (live scan)`;
  const at = [s.ref?.replace(/^refs\/heads\//, ''), s.commit?.slice(0, 7)].filter(Boolean).join(' @ ');
  return `${s.repository ?? s.sourceKey}${at ? ` (${at})` : ''}`;
}

/** What the scorecard rests on: each repository or AWS account, when it was scanned, and whether fully. */
export function SourcesList(props: { sources: readonly SourceView[] }) {
  const classes = useStyles();
  if (props.sources.length === 0) return <Typography variant="body2">No scans yet.</Typography>;
  return (
    <ul className={classes.list}>
      {props.sources.map((s) => (
        <li key={s.sourceKey}>
          <Typography variant="body2" component="span">
            {describe(s)}, scanned {formatDate(s.scannedAt)}
            {s.partial && (
              <span className={classes.partial}>
                {' '}
                · partial scan ({s.errors} {s.errors === 1 ? 'error' : 'errors'}): some guardrails may be unknown
              </span>
            )}
          </Typography>
        </li>
      ))}
    </ul>
  );
}
