import { parseEntityRef } from '@backstage/catalog-model';
import type { Entity } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel, SidebarItem } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { createDevApp } from '@backstage/dev-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Box, Grid, Tab, Tabs } from '@material-ui/core';
import ExtensionIcon from '@material-ui/icons/Extension';
import GroupIcon from '@material-ui/icons/Group';
import { Link as RouterLink, Route, Routes, useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  AWS_ACCOUNT_ID_ANNOTATION,
  EntityGuardrailsCard,
  EntityGuardrailsContent,
  EntityTeamRemediationContent,
  GITHUB_PROJECT_SLUG_ANNOTATION,
  GuardrailsPage,
  guardrailsApiRef,
  guardrailsPlugin,
} from '../src';

// Headless browsers cannot click the guest sign-in card: `?autologin` signs in as guest before the app starts
// (dev only; research/backstage.md §4.3, pitfall 7). plugin-backend's dev backend has the guest auth module, which
// issues real user tokens the guardrails API accepts; with the legacy flag also set, core-components' guest loader
// would stop on a confirm() dialog (headless browsers dismiss it and keep the unsigned legacy token, which the backend
// rejects). So the legacy token is opt-in: `?autologin=legacy`, for a backend without the guest module.
const autologin = new URLSearchParams(window.location.search).get('autologin');
if (autologin !== null) {
  window.localStorage.setItem('@backstage/core:SignInPage:provider', 'guest');
  if (autologin === 'legacy') window.localStorage.setItem('enableLegacyGuestToken', 'true');
  else window.localStorage.removeItem('enableLegacyGuestToken');
}

/**
 * A stand-in catalog entity page at `/catalog/:namespace/:kind/:name`, so the plugin's own links (overview → service,
 * card → tab) work without a catalog. The entity comes from the real guardrails backend's scorecard (its annotations
 * are rebuilt from the repository and AWS accounts the portal knows).
 */
function DevEntityPage() {
  const { namespace = 'default', kind = 'component', name = '' } = useParams();
  const api = useApi(guardrailsApiRef);
  const base = `/catalog/${namespace}/${kind}/${name}`;
  const isGroup = kind.toLocaleLowerCase('en-US') === 'group';
  const state = useAsync(async (): Promise<Entity> => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: isGroup ? 'Group' : kind,
      metadata: { name, namespace, annotations: {} },
      spec: {},
    };
    if (isGroup) return entity;
    try {
      const card = await api.getEntityScorecard({ kind, namespace, name });
      const annotations: Record<string, string> = {};
      if (card.entity.repository) annotations[GITHUB_PROJECT_SLUG_ANNOTATION] = card.entity.repository;
      if (card.entity.awsAccounts?.[0]) annotations[AWS_ACCOUNT_ID_ANNOTATION] = card.entity.awsAccounts[0];
      return { ...entity, kind: card.entity.kind, metadata: { ...entity.metadata, annotations } };
    } catch {
      // Unknown to the portal: render without annotations, which shows how to connect the service.
      return entity;
    }
  }, [api, kind, namespace, name, isGroup]);

  if (state.loading) return <Progress />;
  if (state.error || !state.value) return <ResponseErrorPanel error={state.error ?? new Error('no entity')} />;
  const onTab = window.location.pathname.endsWith('/guardrails');
  return (
    <EntityProvider entity={state.value}>
      <Box p={3}>
        <Tabs value={onTab || isGroup ? 1 : 0} aria-label="Entity page">
          <Tab label="Overview" component={RouterLink} to={base} disabled={isGroup} />
          <Tab label="Guardrails" component={RouterLink} to={`${base}/guardrails`} />
        </Tabs>
        <Box mt={3}>
          {isGroup ? (
            <EntityTeamRemediationContent />
          ) : (
            <Routes>
              <Route
                path="/"
                element={
                  <Grid container spacing={3}>
                    <Grid item xs={12} md={6}>
                      <EntityGuardrailsCard />
                    </Grid>
                  </Grid>
                }
              />
              <Route path="/guardrails" element={<EntityGuardrailsContent />} />
            </Routes>
          )}
        </Box>
      </Box>
    </EntityProvider>
  );
}

/** The sidebar's sample service and team (the demo catalog's, examples/catalog); `?entity=` and `?team=` pick others. */
const params = new URLSearchParams(window.location.search);
const sample = parseEntityRef(params.get('entity') ?? 'component:default/payments-api');
const sampleTeam = parseEntityRef(params.get('team') ?? 'group:default/team-payments', { defaultKind: 'group' });

createDevApp()
  .registerPlugin(guardrailsPlugin)
  .addPage({ path: '/guardrails', title: 'Guardrails', element: <GuardrailsPage /> })
  .addSidebarItem(
    <SidebarItem icon={ExtensionIcon} to={`/catalog/${sample.namespace}/${sample.kind}/${sample.name}`} text="Sample service" />,
  )
  .addSidebarItem(
    <SidebarItem icon={GroupIcon} to={`/catalog/${sampleTeam.namespace}/group/${sampleTeam.name}`} text="Sample team" />,
  )
  .addPage({ path: '/catalog/:namespace/:kind/:name/*', element: <DevEntityPage /> })
  .render();
