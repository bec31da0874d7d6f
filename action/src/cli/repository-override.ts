import type { Report } from '@pavedroad/guardrails-core';
import { GuardrailsError } from '@pavedroad/guardrails-core';

/** What `--repository`, `--ref` and `--default-branch` say about the scanned code, over what git says. */
export interface RepositoryOverride {
  slug?: string;
  ref?: string;
  defaultBranch?: string;
}

/**
 * The report's repository with the overrides applied. A directory outside git (an example folder, an unpacked
 * archive) gets its repository from `--repository` alone; `--ref` or `--default-branch` without any repository
 * is a usage error, since the report contract has no ref without a slug.
 */
export function overrideRepository(detected: Report['repository'], override: RepositoryOverride): Report['repository'] {
  if (override.slug === undefined && override.ref === undefined && override.defaultBranch === undefined) return detected;
  const slug = override.slug ?? detected?.slug;
  if (slug === undefined) {
    throw new GuardrailsError('USAGE', '--ref and --default-branch describe a repository, and this scan has none: scan a git checkout or pass --repository owner/repo');
  }
  const repository: NonNullable<Report['repository']> = { ...detected, slug };
  if (override.ref !== undefined) repository.ref = override.ref;
  if (override.defaultBranch !== undefined) repository.defaultBranch = override.defaultBranch;
  return repository;
}
