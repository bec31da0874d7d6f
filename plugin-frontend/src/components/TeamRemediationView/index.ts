export { TeamRemediationView } from './TeamRemediationView';
export type { TeamRemediationViewProps } from './TeamRemediationView';
