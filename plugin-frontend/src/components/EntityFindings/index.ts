export { EntityFindings } from './EntityFindings';
