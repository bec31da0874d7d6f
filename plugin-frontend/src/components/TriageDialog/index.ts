export { TriageDialog, triageActions } from './TriageDialog';
