import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Typography } from '@material-ui/core';
import { guardrailsFindingUpdatePermission } from '@pavedroad/guardrails-core/model';
import type { FindingView, TriageRequest } from '@pavedroad/guardrails-core/model';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { guardrailsApiRef, responseStatus } from '../../api';
import { DEFAULT_FINDING_FILTERS, FindingsTable, PAGE_SIZES, findingQuery } from '../FindingsTable';
import type { FindingFilters } from '../FindingsTable';
import { TriageDialog } from '../TriageDialog';

function doneMessage(request: TriageRequest, finding: FindingView): string {
  switch (request.action) {
    case 'suppress':
      return `Suppressed “${finding.title}”.`;
    case 'accept-risk':
      return `Accepted the risk of “${finding.title}”.`;
    case 'reopen':
      return `Reopened “${finding.title}”.`;
  }
}

/** An entity's findings with server-side filters and paging, and triage for users allowed to triage. */
export function EntityFindings(props: { entityRef: string }) {
  const api = useApi(guardrailsApiRef);
  const [filters, setFilters] = useState<FindingFilters>(DEFAULT_FINDING_FILTERS);
  const [paging, setPaging] = useState({ offset: 0, limit: PAGE_SIZES[1]! });
  const [triaging, setTriaging] = useState<FindingView | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const { allowed: canTriage } = usePermission({
    permission: guardrailsFindingUpdatePermission,
    resourceRef: props.entityRef,
  });

  const state = useAsyncRetry(
    () => api.listFindings(props.entityRef, { ...findingQuery(filters), ...paging }),
    [api, props.entityRef, filters, paging],
  );

  const submitTriage = async (finding: FindingView, request: TriageRequest) => {
    await api.triageFinding(finding.id, request);
    setTriaging(undefined);
    setAnnouncement(doneMessage(request, finding));
    state.retry();
  };

  if (state.error && responseStatus(state.error) === 403) {
    return (
      <Typography variant="body2" color="textSecondary">
        You do not have permission to see this service’s findings (guardrails.finding.read).
      </Typography>
    );
  }

  return (
    <>
      {state.error && <ResponseErrorPanel error={state.error} />}
      <div role="status" aria-live="polite">
        {announcement && <Typography variant="body2">{announcement}</Typography>}
      </div>
      <FindingsTable
        page={state.value}
        loading={state.loading}
        filters={filters}
        onFiltersChange={(next) => {
          setFilters(next);
          setPaging((p) => ({ ...p, offset: 0 }));
        }}
        onPageChange={(offset, limit) => setPaging({ offset, limit })}
        canTriage={canTriage}
        onTriage={(finding) => {
          setAnnouncement('');
          setTriaging(finding);
        }}
      />
      {triaging && (
        <TriageDialog
          finding={triaging}
          onClose={() => setTriaging(undefined)}
          onSubmit={(request) => submitTriage(triaging, request)}
        />
      )}
    </>
  );
}
