import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { teamRouteRef } from '../routes';

/**
 * A function from an owner ref to its remediation view on the guardrails page, or undefined for owners that are not
 * groups (users own services too) and when the guardrails page is not mounted.
 */
export function useTeamLink(): (owner: string) => string | undefined {
  let route: ((params: { namespace: string; name: string }) => string) | undefined;
  try {
    // useRouteRef runs all of its hooks before it throws for an unbound ref, so the hook order stays stable.
    route = useRouteRef(teamRouteRef);
  } catch {
    route = undefined;
  }
  return (owner) => {
    if (!route) return undefined;
    let ref: { kind: string; namespace: string; name: string };
    try {
      ref = parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: 'default' });
    } catch {
      return undefined; // not an entity ref: shown as text, without a link
    }
    if (ref.kind.toLocaleLowerCase('en-US') !== 'group') return undefined;
    return route({ namespace: ref.namespace, name: ref.name });
  };
}
