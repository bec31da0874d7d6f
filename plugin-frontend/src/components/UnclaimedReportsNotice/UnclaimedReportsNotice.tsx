import { WarningPanel } from '@backstage/core-components';
import { Typography, makeStyles } from '@material-ui/core';
import type { Page, UnclaimedReport } from '@pavedroad/guardrails-core/model';
import { formatDate } from '../../format';

const useStyles = makeStyles((theme) => ({
  list: { margin: theme.spacing(1, 0, 0), paddingLeft: theme.spacing(2) },
}));

function describe(r: UnclaimedReport): string {
  const what = r.repository ?? (r.account ? `AWS account ${r.account}` : r.reportId);
  const findings = r.findings === 1 ? '1 finding' : `${r.findings} findings`;
  return `${what}: ${r.scope === 'full' ? 'full scan' : 'pull-request scan'}, ${findings}, received ${formatDate(r.receivedAt)}`;
}

/** Reports no catalog entity claims: kept, and applied as soon as an entity carries the matching annotation. */
export function UnclaimedReportsNotice(props: { page: Page<UnclaimedReport> }) {
  const classes = useStyles();
  const { items, total } = props.page;
  if (total === 0) return null;
  return (
    <WarningPanel
      severity="info"
      title={`${total} ${total === 1 ? 'report is' : 'reports are'} not claimed by any catalog entity`}
    >
      <Typography variant="body2">
        Add <code>github.com/project-slug</code> (repositories) or <code>amazonaws.com/account-id</code> (AWS accounts)
        to the owning entity’s catalog-info.yaml; the portal applies kept reports when an entity claims them.
      </Typography>
      <ul className={classes.list}>
        {items.map((r) => (
          <li key={r.reportId}>
            <Typography variant="body2">{describe(r)}</Typography>
          </li>
        ))}
      </ul>
      {total > items.length && (
        <Typography variant="caption">and {total - items.length} more</Typography>
      )}
    </WarningPanel>
  );
}
