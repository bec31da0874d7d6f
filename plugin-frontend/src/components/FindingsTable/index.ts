export { FindingsTable, PAGE_SIZES } from './FindingsTable';
export type { FindingsTableProps } from './FindingsTable';
export { DEFAULT_FINDING_FILTERS, findingQuery } from './findingFilters';
export type { FindingFilters } from './findingFilters';
