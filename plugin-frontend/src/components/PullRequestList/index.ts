export { PullRequestList } from './PullRequestList';
