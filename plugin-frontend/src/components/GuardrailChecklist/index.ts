export { GuardrailChecklist } from './GuardrailChecklist';
