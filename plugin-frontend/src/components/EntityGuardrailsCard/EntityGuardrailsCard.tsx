import { getCompoundEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ACTIVE_FINDING_STATUSES } from '@pavedroad/guardrails-core/model';
import useAsync from 'react-use/esm/useAsync';
import { guardrailsApiRef, responseStatus } from '../../api';
import type { GuardrailsApi } from '../../api';
import { rankFindings } from '../../guardrails';
import { useEntityPageLink, usePortalUrl } from '../../hooks';
import { AWS_ACCOUNT_ID_ANNOTATION, GITHUB_PROJECT_SLUG_ANNOTATION, isGuardrailsAvailable } from '../../isGuardrailsAvailable';
import { ConnectServiceEmptyState } from '../ConnectServiceEmptyState';
import type { ConnectReason } from '../ConnectServiceEmptyState';
import { ScorecardCard } from '../ScorecardCard';
import type { FindingsPreview } from '../ScorecardCard';

/** How many findings the card lists; the tab has the rest. */
const PREVIEW_SIZE = 3;
/** Open findings fetched to pick the most urgent from (the findings route has no sort parameter). */
const PREVIEW_WINDOW = 50;

async function loadPreview(api: GuardrailsApi, entityRef: string): Promise<FindingsPreview> {
  try {
    const page = await api.listFindings(entityRef, { status: ACTIVE_FINDING_STATUSES, limit: PREVIEW_WINDOW });
    return { kind: 'findings', items: rankFindings(page.items).slice(0, PREVIEW_SIZE), total: page.total };
  } catch (error) {
    if (responseStatus(error) === 403) return { kind: 'forbidden' };
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The entity page card: the service's scorecard, or how to connect the service when there is none.
 * `tabPath` is where the app mounts EntityGuardrailsContent on the entity page (default `guardrails`).
 */
export function EntityGuardrailsCard(props: { tabPath?: string }) {
  const { entity } = useEntity();
  const api = useApi(guardrailsApiRef);
  const portalUrl = usePortalUrl();
  const entityPageLink = useEntityPageLink();
  const available = isGuardrailsAvailable(entity);
  const entityRef = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};

  const state = useAsync(async () => {
    if (!available) return undefined;
    const [scorecard, findings] = await Promise.all([api.getEntityScorecard(entityRef), loadPreview(api, entityRef)]);
    return { scorecard, findings };
  }, [api, entityRef, available]);

  const connect = (reason: ConnectReason) => (
    <InfoCard title="Paved-road guardrails" variant="gridItem">
      <ConnectServiceEmptyState
        reason={reason}
        portalUrl={portalUrl}
        slug={annotations[GITHUB_PROJECT_SLUG_ANNOTATION]}
        accountId={annotations[AWS_ACCOUNT_ID_ANNOTATION]}
      />
    </InfoCard>
  );

  if (!available) return connect('missing-annotation');
  if (state.loading) {
    return (
      <InfoCard title="Paved-road guardrails" variant="gridItem">
        <Progress />
      </InfoCard>
    );
  }
  if (state.error) {
    if (responseStatus(state.error) === 404) return connect('unknown-entity');
    return (
      <InfoCard title="Paved-road guardrails" variant="gridItem">
        <ResponseErrorPanel error={state.error} />
      </InfoCard>
    );
  }
  if (!state.value) return null;
  if (!state.value.scorecard.evaluated) return connect('not-evaluated');

  const tabLink = `${entityPageLink(getCompoundEntityRef(entity))}/${props.tabPath ?? 'guardrails'}`;
  return <ScorecardCard scorecard={state.value.scorecard} findings={state.value.findings} tabLink={tabLink} />;
}
