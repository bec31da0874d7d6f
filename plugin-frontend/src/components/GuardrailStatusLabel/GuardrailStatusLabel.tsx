import { makeStyles } from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import CancelIcon from '@material-ui/icons/Cancel';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import type { GuardrailStatus } from '@pavedroad/guardrails-core/model';

const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'center', gap: 4, fontWeight: 500, whiteSpace: 'nowrap' },
  icon: { fontSize: '1.1rem' },
});

export function statusLabel(status: GuardrailStatus): string {
  switch (status) {
    case 'pass':
      return 'Pass';
    case 'fail':
      return 'Fail';
    case 'unknown':
      return 'Unknown';
    case 'not-applicable':
      return 'N/A';
  }
}

function StatusIcon(props: { status: GuardrailStatus; className: string }) {
  switch (props.status) {
    case 'pass':
      return <CheckCircleIcon className={props.className} style={{ color: '#2e7d32' }} aria-hidden />;
    case 'fail':
      return <CancelIcon className={props.className} style={{ color: '#c62828' }} aria-hidden />;
    case 'unknown':
      return <HelpOutlineIcon className={props.className} style={{ color: '#a66300' }} aria-hidden />;
    case 'not-applicable':
      return <RemoveCircleOutlineIcon className={props.className} style={{ color: '#757575' }} aria-hidden />;
  }
}

/** A guardrail's status: an icon for scanning the list, the word for everyone. */
export function GuardrailStatusLabel(props: { status: GuardrailStatus }) {
  const classes = useStyles();
  return (
    <span className={classes.root}>
      <StatusIcon status={props.status} className={classes.icon} />
      {statusLabel(props.status)}
    </span>
  );
}
