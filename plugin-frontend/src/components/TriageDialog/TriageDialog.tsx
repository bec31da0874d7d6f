import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@material-ui/core';
import type { FindingView, TriageAction, TriageRequest } from '@pavedroad/guardrails-core/model';
import { useState } from 'react';
import type { FormEvent } from 'react';

const ACTION_LABELS: Record<TriageAction, string> = {
  suppress: 'Suppress (false positive or not relevant)',
  'accept-risk': 'Accept the risk until a date',
  reopen: 'Reopen',
};

/** The actions a finding in this status allows. */
export function triageActions(finding: FindingView): TriageAction[] {
  switch (finding.status) {
    case 'open':
    case 'reopened':
      return ['suppress', 'accept-risk'];
    case 'suppressed':
    case 'accepted':
      return ['reopen'];
    case 'fixed':
      return [];
  }
}

/** `YYYY-MM-DD` of tomorrow, the earliest expiry a date input offers. */
function tomorrow(now: Date): string {
  const next = new Date(now.getTime() + 24 * 60 * 60 * 1000);
  return next.toISOString().slice(0, 10);
}

/**
 * Suppress a finding, accept its risk until a date, or reopen it. Every action needs a reason (it goes to the audit
 * trail); accepting a risk needs an expiry. `onSubmit` rejects to show the server's answer in the dialog.
 */
export function TriageDialog(props: {
  finding: FindingView;
  onClose: () => void;
  onSubmit: (request: TriageRequest) => Promise<void>;
  now?: Date;
}) {
  const actions = triageActions(props.finding);
  const [action, setAction] = useState<TriageAction>(actions[0] ?? 'suppress');
  const [reason, setReason] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const min = tomorrow(props.now ?? new Date());

  const reasonMissing = reason.trim() === '';
  const expiryMissing = action === 'accept-risk' && expiresAt === '';
  const expiryInPast = expiresAt !== '' && expiresAt < min;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reasonMissing || expiryMissing || expiryInPast) return;
    const request: TriageRequest = { action, reason: reason.trim() };
    if (expiresAt && action !== 'reopen') request.expiresAt = expiresAt;
    setSubmitting(true);
    setError(undefined);
    try {
      await props.onSubmit(request);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setSubmitting(false);
    }
  };

  return (
    <Dialog open onClose={props.onClose} aria-labelledby="guardrails-triage-title" fullWidth maxWidth="sm">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle id="guardrails-triage-title">Triage finding</DialogTitle>
        <DialogContent>
          <DialogContentText>{props.finding.title}</DialogContentText>
          {actions.length > 1 && (
            <FormControl component="fieldset" margin="normal">
              <FormLabel component="legend">Action</FormLabel>
              <RadioGroup
                name="action"
                value={action}
                onChange={(e) => setAction(e.target.value as TriageAction)}
              >
                {actions.map((a) => (
                  <FormControlLabel key={a} value={a} control={<Radio />} label={ACTION_LABELS[a]} />
                ))}
              </RadioGroup>
            </FormControl>
          )}
          <TextField
            id="guardrails-triage-reason"
            label="Reason"
            required
            fullWidth
            multiline
            minRows={2}
            margin="normal"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            helperText="Recorded with your name in the finding’s history."
          />
          {action !== 'reopen' && (
            <TextField
              id="guardrails-triage-expires"
              label={action === 'accept-risk' ? 'Expires on' : 'Expires on (optional)'}
              type="date"
              required={action === 'accept-risk'}
              margin="normal"
              InputLabelProps={{ shrink: true }}
              inputProps={{ min }}
              value={expiresAt}
              onChange={(e) => setExpiresAt(e.target.value)}
              error={expiryInPast}
              helperText={
                expiryInPast
                  ? 'Pick a date after today.'
                  : 'The finding counts against the service again after this date.'
              }
            />
          )}
          {error && (
            <Typography role="alert" color="error" variant="body2">
              Could not save: {error}
            </Typography>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={submitting || reasonMissing || expiryMissing || expiryInPast}
          >
            {action === 'reopen' ? 'Reopen' : action === 'accept-risk' ? 'Accept risk' : 'Suppress'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
