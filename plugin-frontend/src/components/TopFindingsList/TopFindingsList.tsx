import { Link } from '@backstage/core-components';
import { Typography, makeStyles } from '@material-ui/core';
import type { FindingView } from '@pavedroad/guardrails-core/model';
import { formatDate } from '../../format';
import { SeverityLabel } from '../SeverityLabel';

const useStyles = makeStyles((theme) => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: { display: 'flex', gap: theme.spacing(1), alignItems: 'baseline', padding: theme.spacing(0.5, 0) },
  body: { minWidth: 0, flex: 1 },
  where: { color: theme.palette.text.secondary, wordBreak: 'break-all' },
  overdue: { color: theme.palette.error.main, fontWeight: 600 },
}));

/** Where a finding is: `path:line` or the cloud resource. */
export function findingWhere(f: FindingView): string {
  if (f.location) return `${f.location.path}:${f.location.startLine}`;
  if (f.resource) return f.resource.id;
  return f.sourceKey;
}

/** The few findings to fix first, each a link to where it is. */
export function TopFindingsList(props: { findings: readonly FindingView[]; showEntity?: boolean }) {
  const classes = useStyles();
  return (
    <ul className={classes.list}>
      {props.findings.map((f) => (
        <li key={f.id} className={classes.item}>
          <SeverityLabel severity={f.severity} />
          <div className={classes.body}>
            <Typography variant="body2" component="div">
              {f.link ? <Link to={f.link}>{f.title}</Link> : f.title}
            </Typography>
            <Typography variant="caption" component="div" className={classes.where}>
              {props.showEntity ? `${f.entityRef} · ` : ''}
              {findingWhere(f)}
              {f.overdue && f.dueAt && <span className={classes.overdue}> · overdue since {formatDate(f.dueAt)}</span>}
              {!f.overdue && f.dueAt && <span> · due {formatDate(f.dueAt)}</span>}
            </Typography>
          </div>
        </li>
      ))}
    </ul>
  );
}
