export { ConnectServiceEmptyState, workflowSnippet } from './ConnectServiceEmptyState';
export type { ConnectReason } from './ConnectServiceEmptyState';
