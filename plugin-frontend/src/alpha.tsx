import type { Entity } from '@backstage/catalog-model';
import { Content } from '@backstage/core-components';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import SecurityIcon from '@material-ui/icons/Security';
import { GuardrailsClient, guardrailsApiRef } from './api';
import { isGuardrailsAvailable } from './isGuardrailsAvailable';
import { rootRouteRef, teamRouteRef } from './routes';

/** Components and Resources that name a repository or an AWS account. */
function isScannedEntity(entity: Entity): boolean {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  return (kind === 'component' || kind === 'resource') && isGuardrailsAvailable(entity);
}

function isGroup(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'group';
}

// Named extensions (api:guardrails/client, page:guardrails/overview): an unnamed one does not type-check under
// exactOptionalPropertyTypes (its `name: undefined` meets the `name?: string` of ExtensionDefinition).
const guardrailsApi = ApiBlueprint.make({
  name: 'client',
  params: (defineParams) =>
    defineParams({
      api: guardrailsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new GuardrailsClient({ discoveryApi, fetchApi }),
    }),
});

const entityCard = EntityCardBlueprint.make({
  name: 'scorecard',
  params: {
    type: 'info',
    filter: isScannedEntity,
    loader: () => import('./components/EntityGuardrailsCard').then((m) => <m.EntityGuardrailsCard />),
  },
});

const entityContent = EntityContentBlueprint.make({
  name: 'guardrails',
  params: {
    path: '/guardrails',
    title: 'Guardrails',
    filter: isScannedEntity,
    loader: () => import('./components/EntityGuardrailsContent').then((m) => <m.EntityGuardrailsContent />),
  },
});

const teamContent = EntityContentBlueprint.make({
  name: 'team-remediation',
  params: {
    path: '/guardrails',
    title: 'Guardrails',
    filter: isGroup,
    loader: () =>
      import('./components/EntityTeamRemediationContent').then((m) => <m.EntityTeamRemediationContent />),
  },
});

// The page's title and icon also make its navigation item (frontend-plugin-api 1.0 removed NavItemBlueprint).
const page = PageBlueprint.make({
  name: 'overview',
  params: {
    path: '/guardrails',
    title: 'Guardrails',
    icon: <SecurityIcon />,
    routeRef: rootRouteRef,
    // The app draws the page header from the title and icon; the plugin brings the content.
    loader: () =>
      import('./components/GuardrailsPage').then((m) => (
        <Content>
          <m.GuardrailsRoutes />
        </Content>
      )),
  },
});

/** The guardrails plugin for apps on the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'guardrails',
  title: 'Guardrails',
  icon: <SecurityIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef, team: teamRouteRef },
  extensions: [guardrailsApi, entityCard, entityContent, teamContent, page],
});
