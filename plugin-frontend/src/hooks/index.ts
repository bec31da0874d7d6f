export { useEntityPageLink } from './useEntityPageLink';
export { usePortalUrl } from './usePortalUrl';
export { useTeamLink } from './useTeamLink';
