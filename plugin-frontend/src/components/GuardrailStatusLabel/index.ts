export { GuardrailStatusLabel, statusLabel } from './GuardrailStatusLabel';
