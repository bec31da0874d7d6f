import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { guardrailsApiRef } from '../../api';
import { useEntityPageLink } from '../../hooks';
import { TeamRemediationView } from '../TeamRemediationView';

const TEAM_DAYS = 90;

/** Fetches one team's remediation view; `teamRef` is a Group ref. */
export function TeamRemediation(props: { teamRef: string }) {
  const api = useApi(guardrailsApiRef);
  const entityLink = useEntityPageLink();
  const state = useAsync(() => api.getTeamRemediation(props.teamRef, { days: TEAM_DAYS }), [api, props.teamRef]);
  if (state.loading) return <Progress />;
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  return state.value ? <TeamRemediationView team={state.value} entityLink={entityLink} /> : null;
}
