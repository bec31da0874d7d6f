export { EntityGuardrailsCard } from './EntityGuardrailsCard';
export { EntityGuardrailsContent } from './EntityGuardrailsContent';
export { EntityTeamRemediationContent } from './EntityTeamRemediationContent';
export { GuardrailsPage, GuardrailsRoutes } from './GuardrailsPage';
