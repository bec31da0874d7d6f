import { InfoCard } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import type { EntityScorecard, FindingView } from '@pavedroad/guardrails-core/model';
import { GuardrailChecklist } from '../GuardrailChecklist';
import { NextLevelHint } from '../NextLevelHint';
import { ScorecardHeadline } from '../ScorecardHeadline';
import { TopFindingsList } from '../TopFindingsList';

/** What the card knows about a service's open findings. */
export type FindingsPreview =
  | { kind: 'findings'; items: readonly FindingView[]; total: number }
  /** The user may see the score but not the findings (`guardrails.finding.read`). */
  | { kind: 'forbidden' }
  | { kind: 'error'; message: string };

function FindingsPreviewSection(props: { preview: FindingsPreview }) {
  const { preview } = props;
  switch (preview.kind) {
    case 'forbidden':
      return (
        <Typography variant="body2" color="textSecondary">
          You do not have permission to see this service’s findings.
        </Typography>
      );
    case 'error':
      return (
        <Typography variant="body2" color="error">
          Could not load findings: {preview.message}
        </Typography>
      );
    case 'findings':
      if (preview.items.length === 0) {
        return <Typography variant="body2">No open findings.</Typography>;
      }
      return (
        <>
          <TopFindingsList findings={preview.items} />
          {preview.total > preview.items.length && (
            <Typography variant="caption" color="textSecondary">
              and {preview.total - preview.items.length} more
            </Typography>
          )}
        </>
      );
  }
}

/** The entity card: the scorecard at a glance, every guardrail, and the findings to fix first. */
export function ScorecardCard(props: { scorecard: EntityScorecard; findings: FindingsPreview; tabLink: string }) {
  const { scorecard } = props;
  return (
    <InfoCard
      title="Paved-road guardrails"
      deepLink={{ title: 'View all findings', link: props.tabLink }}
      variant="gridItem"
    >
      <ScorecardHeadline scorecard={scorecard} />
      <Box mt={1}>
        <NextLevelHint next={scorecard.next} />
      </Box>
      <GuardrailChecklist guardrails={scorecard.guardrails} />
      <Box mt={2}>
        <Typography variant="subtitle2" component="h3" gutterBottom>
          Fix first
        </Typography>
        <FindingsPreviewSection preview={props.findings} />
      </Box>
    </InfoCard>
  );
}
