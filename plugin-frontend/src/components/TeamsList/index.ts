export { TeamsList } from './TeamsList';
export type { TeamEntry } from './TeamsList';
