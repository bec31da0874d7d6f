import type { Entity } from '@backstage/catalog-model';

/** The annotations the portal maps reports and live scans by (see ARCHITECTURE.md, decision 9). */
export const GITHUB_PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';
export const AWS_ACCOUNT_ID_ANNOTATION = 'amazonaws.com/account-id';

/** True when the entity names a repository or an AWS account, so reports or live scans can reach it. */
export function isGuardrailsAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(annotations[GITHUB_PROJECT_SLUG_ANNOTATION]?.trim() || annotations[AWS_ACCOUNT_ID_ANNOTATION]?.trim());
}
