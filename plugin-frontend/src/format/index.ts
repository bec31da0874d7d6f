export { formatDate } from './formatDate';
export { formatDays } from './formatDays';
