import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The paved-road overview page. */
export const rootRouteRef = createRouteRef({ id: 'guardrails' });

/** One team's remediation view, below the overview page. */
export const teamRouteRef = createSubRouteRef({
  id: 'guardrails/team',
  parent: rootRouteRef,
  path: '/teams/:namespace/:name',
});
