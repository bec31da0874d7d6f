/**
 * `owner/repo` as GitHub spells it: an owner of letters, digits and `-` (`_` and `.` for other forges), then a
 * repository name of letters, digits, `-`, `_` and `.`, not `.` or `..`. The portal files reports by this slug
 * and refuses a report without one.
 */
const SLUG = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\/([A-Za-z0-9_.-]{1,100})$/;

export function isRepositorySlug(value: string): boolean {
  const name = SLUG.exec(value)?.[1];
  return name !== undefined && name !== '.' && name !== '..';
}
