export { AdoptionTable } from './AdoptionTable';
