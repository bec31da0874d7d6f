import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Grid, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { guardrailsApiRef, responseStatus } from '../../api';
import { usePortalUrl } from '../../hooks';
import { AWS_ACCOUNT_ID_ANNOTATION, GITHUB_PROJECT_SLUG_ANNOTATION, isGuardrailsAvailable } from '../../isGuardrailsAvailable';
import { ConnectServiceEmptyState } from '../ConnectServiceEmptyState';
import { EntityFindings } from '../EntityFindings';
import { GuardrailBreakdown } from '../GuardrailBreakdown';
import { NextLevelHint } from '../NextLevelHint';
import { PullRequestList } from '../PullRequestList';
import { ScoreHistoryChart } from '../ScoreHistoryChart';
import { ScorecardHeadline } from '../ScorecardHeadline';
import { SourcesList } from '../SourcesList';

const HISTORY_DAYS = 90;

function PullRequests(props: { entityRef: string }) {
  const api = useApi(guardrailsApiRef);
  const state = useAsync(() => api.listPullRequests(props.entityRef, { limit: 20 }), [api, props.entityRef]);
  if (state.loading) return <Progress />;
  if (state.error) return <ResponseErrorPanel error={state.error} title="Could not load pull-request scans" />;
  return state.value ? <PullRequestList page={state.value} /> : null;
}

function ScoreHistory(props: { entityRef: string }) {
  const api = useApi(guardrailsApiRef);
  const state = useAsync(() => api.getScoreHistory(props.entityRef, { days: HISTORY_DAYS }), [api, props.entityRef]);
  return (
    <InfoCard title={`Score history (${HISTORY_DAYS} days)`} variant="gridItem">
      {state.loading && <Progress />}
      {state.error && <ResponseErrorPanel error={state.error} title="Could not load the score history" />}
      {state.value && <ScoreHistoryChart points={state.value} />}
    </InfoCard>
  );
}

/** The entity tab: scorecard, history, guardrail breakdown, findings with triage, and pull-request scans. */
export function EntityGuardrailsContent() {
  const { entity } = useEntity();
  const api = useApi(guardrailsApiRef);
  const portalUrl = usePortalUrl();
  const available = isGuardrailsAvailable(entity);
  const entityRef = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const state = useAsync(
    async () => (available ? api.getEntityScorecard(entityRef) : undefined),
    [api, entityRef, available],
  );

  const connect = (reason: 'missing-annotation' | 'unknown-entity' | 'not-evaluated') => (
    <ConnectServiceEmptyState
      reason={reason}
      portalUrl={portalUrl}
      slug={annotations[GITHUB_PROJECT_SLUG_ANNOTATION]}
      accountId={annotations[AWS_ACCOUNT_ID_ANNOTATION]}
    />
  );

  if (!available) return connect('missing-annotation');
  if (state.loading) return <Progress />;
  if (state.error) {
    return responseStatus(state.error) === 404 ? connect('unknown-entity') : <ResponseErrorPanel error={state.error} />;
  }
  const scorecard = state.value;
  if (!scorecard) return null;
  if (!scorecard.evaluated) {
    return (
      <>
        {connect('not-evaluated')}
        <Box mt={3}>
          <PullRequests entityRef={entityRef} />
        </Box>
      </>
    );
  }

  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={5}>
        <InfoCard title="Paved road" variant="gridItem">
          <ScorecardHeadline scorecard={scorecard} />
          <Box mt={2}>
            <NextLevelHint next={scorecard.next} />
          </Box>
          <Box mt={2}>
            <Typography variant="subtitle2" component="h3">
              Scanned from
            </Typography>
            <SourcesList sources={scorecard.sources} />
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <ScoreHistory entityRef={entityRef} />
      </Grid>
      <Grid item xs={12}>
        <GuardrailBreakdown guardrails={scorecard.guardrails} />
      </Grid>
      <Grid item xs={12}>
        <EntityFindings entityRef={entityRef} />
      </Grid>
      <Grid item xs={12}>
        <PullRequests entityRef={entityRef} />
      </Grid>
    </Grid>
  );
}
