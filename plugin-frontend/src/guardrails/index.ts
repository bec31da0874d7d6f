export { guardrailTitle } from './guardrailTitle';
export { rankFindings } from './rankFindings';
