import type { CompoundEntityRef } from '@backstage/catalog-model';
import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';

/**
 * A function from an entity (ref string or parts) to its catalog page. Uses the app's entity route; falls back to
 * the catalog's default `/catalog/:namespace/:kind/:name` when no catalog page is mounted (the plugin's dev app).
 */
export function useEntityPageLink(): (entity: string | CompoundEntityRef) => string {
  let route: ((params: { namespace: string; kind: string; name: string }) => string) | undefined;
  try {
    // useRouteRef runs all of its hooks before it throws for an unbound ref, so the hook order stays stable.
    route = useRouteRef(entityRouteRef);
  } catch {
    route = undefined;
  }
  return (entity) => {
    const ref = typeof entity === 'string' ? parseEntityRef(entity) : entity;
    const params = {
      namespace: encodeURIComponent(ref.namespace.toLocaleLowerCase('en-US')),
      kind: encodeURIComponent(ref.kind.toLocaleLowerCase('en-US')),
      name: encodeURIComponent(ref.name),
    };
    return route ? route(params) : `/catalog/${params.namespace}/${params.kind}/${params.name}`;
  };
}
