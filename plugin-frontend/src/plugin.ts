import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { GuardrailsClient, guardrailsApiRef } from './api';
import { rootRouteRef, teamRouteRef } from './routes';

/** The guardrails plugin for apps on the legacy frontend system. Wiring only. */
export const guardrailsPlugin = createPlugin({
  id: 'guardrails',
  apis: [
    createApiFactory({
      api: guardrailsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new GuardrailsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef, team: teamRouteRef },
});

/** The paved-road overview page, with team remediation views at `teams/:namespace/:name`. */
export const GuardrailsPage = guardrailsPlugin.provide(
  createRoutableExtension({
    name: 'GuardrailsPage',
    component: () => import('./components/GuardrailsPage').then((m) => m.GuardrailsPage),
    mountPoint: rootRouteRef,
  }),
);

/** The entity overview card (Component and Resource pages). */
export const EntityGuardrailsCard = guardrailsPlugin.provide(
  createComponentExtension({
    name: 'EntityGuardrailsCard',
    component: { lazy: () => import('./components/EntityGuardrailsCard').then((m) => m.EntityGuardrailsCard) },
  }),
);

/** The entity tab (mount it at `/guardrails`, or pass the path to the card's `tabPath`). */
export const EntityGuardrailsContent = guardrailsPlugin.provide(
  createComponentExtension({
    name: 'EntityGuardrailsContent',
    component: { lazy: () => import('./components/EntityGuardrailsContent').then((m) => m.EntityGuardrailsContent) },
  }),
);

/** The Group entity page tab: the team's remediation view. */
export const EntityTeamRemediationContent = guardrailsPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamRemediationContent',
    component: {
      lazy: () => import('./components/EntityTeamRemediationContent').then((m) => m.EntityTeamRemediationContent),
    },
  }),
);
