export { EntityTeamRemediationContent } from './EntityTeamRemediationContent';
