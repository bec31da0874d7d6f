import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { TeamRemediation } from '../TeamRemediation';

/** The Group entity page tab: the team's remediation view. */
export function EntityTeamRemediationContent() {
  const { entity } = useEntity();
  return <TeamRemediation teamRef={stringifyEntityRef(entity)} />;
}
