import { makeStyles } from '@material-ui/core';
import type { Severity } from '@pavedroad/guardrails-core/model';

const COLOUR: Record<Severity, string> = {
  critical: '#b71c1c',
  high: '#bf360c',
  medium: '#8a5a00',
  low: '#0d47a1',
  info: '#455a64',
};

const useStyles = makeStyles({
  root: {
    display: 'inline-block',
    padding: '1px 8px',
    borderRadius: 10,
    border: '1px solid currentColor',
    fontSize: '0.75rem',
    fontWeight: 600,
    textTransform: 'capitalize',
    whiteSpace: 'nowrap',
  },
});

/** The severity written out, in its colour. */
export function SeverityLabel(props: { severity: Severity }) {
  const classes = useStyles();
  return (
    <span className={classes.root} style={{ color: COLOUR[props.severity] }}>
      {props.severity}
    </span>
  );
}
