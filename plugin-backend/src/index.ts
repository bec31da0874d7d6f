/** Paved Road Guardrails backend plugin: `backend.add(import('@pavedroad/plugin-guardrails-backend'))`. */
export { guardrailsPlugin as default } from './plugin';
export { KnexGuardrailsStore } from './store/knex-guardrails-store';
export type { GuardrailsStore } from './store/guardrails-store';
