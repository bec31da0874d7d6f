export { TopFindingsList, findingWhere } from './TopFindingsList';
