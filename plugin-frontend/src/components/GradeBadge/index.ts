export { GradeBadge } from './GradeBadge';
