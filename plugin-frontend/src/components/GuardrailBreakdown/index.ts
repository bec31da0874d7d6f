export { GuardrailBreakdown } from './GuardrailBreakdown';
