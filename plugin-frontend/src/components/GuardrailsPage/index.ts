export { GuardrailsPage } from './GuardrailsPage';
export { GuardrailsRoutes } from './GuardrailsRoutes';
