export { TeamRemediation } from './TeamRemediation';
