import { Link } from '@backstage/core-components';
import { Typography, makeStyles } from '@material-ui/core';
import type { FindingView } from '@pavedroad/guardrails-core/model';
import { formatDate } from '../../format';

const useStyles = makeStyles((theme) => ({
  summary: { cursor: 'pointer', color: theme.palette.primary.main, fontSize: '0.8125rem', marginTop: theme.spacing(0.5) },
  body: { padding: theme.spacing(1, 0, 1, 2), borderLeft: `3px solid ${theme.palette.divider}`, marginTop: theme.spacing(0.5) },
  label: { fontWeight: 600 },
  evidence: { fontFamily: 'monospace', wordBreak: 'break-all' },
  references: { margin: 0, paddingLeft: theme.spacing(2) },
}));

/**
 * The fix for one finding, folded under it: remediation, the paved-road way never to meet it again, the redacted
 * evidence, references and any triage decision. A native disclosure, so it opens with the keyboard as well.
 */
export function FindingDetails(props: { finding: FindingView }) {
  const classes = useStyles();
  const f = props.finding;
  return (
    <details>
      <summary className={classes.summary}>How to fix</summary>
      <div className={classes.body}>
        <Typography variant="body2" paragraph>
          <span className={classes.label}>Remediation: </span>
          {f.remediation.text}
        </Typography>
        <Typography variant="body2" paragraph>
          <span className={classes.label}>Paved-road fix: </span>
          {f.remediation.pavedRoad}
        </Typography>
        {f.evidence && (
          <Typography variant="body2" paragraph>
            <span className={classes.label}>Evidence (redacted): </span>
            <span className={classes.evidence}>{f.evidence}</span>
          </Typography>
        )}
        <Typography variant="body2" paragraph>
          <span className={classes.label}>Seen: </span>
          first {formatDate(f.firstSeenAt)}, last {formatDate(f.lastSeenAt)}
          {f.commit ? ` · commit ${f.commit.slice(0, 7)}` : ''} · rule {f.ruleId} · {f.confidence} confidence
        </Typography>
        {f.triage && (
          <Typography variant="body2" paragraph>
            <span className={classes.label}>Triage: </span>“{f.triage.reason}” by {f.triage.by} on {formatDate(f.triage.at)}
            {f.triage.expiresAt ? `, until ${formatDate(f.triage.expiresAt)}` : ''}
          </Typography>
        )}
        {f.references.length > 0 && (
          <ul className={classes.references} aria-label="References">
            {f.references.map((ref) => (
              <li key={ref}>
                <Typography variant="body2" component="span">
                  <Link to={ref}>{ref}</Link>
                </Typography>
              </li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}
