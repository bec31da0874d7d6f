import { Table } from '@backstage/core-components';
import type { TableColumn } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import type { Page, PullRequestResult } from '@pavedroad/guardrails-core/model';
import { formatDate } from '../../format';
import { guardrailTitle } from '../../guardrails';

function refName(pr: PullRequestResult): string {
  const ref = pr.ref ?? '';
  const match = /^refs\/pull\/(\d+)\//.exec(ref);
  if (match) return `PR #${match[1]}`;
  return ref.replace(/^refs\/heads\//, '') || pr.reportId;
}

/** Pull-request scans: listed for context, never scored (only default-branch and live scans set posture). */
export function PullRequestList(props: { page: Page<PullRequestResult> }) {
  const columns: TableColumn<PullRequestResult>[] = [
    { title: 'Pull request', field: 'ref', render: (pr) => refName(pr) },
    { title: 'Commit', field: 'commit', render: (pr) => (pr.commit ? <code>{pr.commit.slice(0, 7)}</code> : '—') },
    { title: 'Received', field: 'receivedAt', render: (pr) => formatDate(pr.receivedAt) },
    { title: 'Findings', field: 'findings', type: 'numeric' },
    {
      title: 'Failing guardrails',
      field: 'guardrails',
      render: (pr) => {
        const failing = pr.guardrails.filter((g) => g.status === 'fail');
        return failing.length === 0 ? 'None' : failing.map((g) => guardrailTitle(g.id)).join(', ');
      },
    },
  ];
  return (
    <Table<PullRequestResult>
      title={`Pull request scans (${props.page.total})`}
      subtitle="Listed, not scored: only default-branch and live scans change the scorecard."
      columns={columns}
      data={[...props.page.items]}
      options={{ paging: false, search: false, padding: 'dense', sorting: false, draggable: false }}
      emptyContent={
        <Box p={2}>
          <Typography variant="body2">No pull-request scans received yet.</Typography>
        </Box>
      }
    />
  );
}
