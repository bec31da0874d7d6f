import { ciAwsStaticKeys } from './rules/ci-aws-static-keys';
import { ciAzureClientSecret } from './rules/ci-azure-client-secret';
import { ciGcpServiceAccountKey } from './rules/ci-gcp-service-account-key';
import { ciOidcPermissionMissing } from './rules/ci-oidc-permission-missing';
import { ciPermissions } from './rules/ci-permissions';
import { ciPullRequestTargetCheckout } from './rules/ci-pull-request-target-checkout';
import { ciSecretsExposed } from './rules/ci-secrets-exposed';
import { ciUnpinnedAction } from './rules/ci-unpinned-action';
import type { WorkflowRule } from './workflow-rule';

/** Every workflow rule, listed explicitly. Adding a rule: its file, its examples, its doc page, and one line here. */
export const WORKFLOW_RULES: readonly WorkflowRule[] = [
  // no-long-lived-keys-in-ci
  ciAwsStaticKeys,
  ciGcpServiceAccountKey,
  ciAzureClientSecret,
  ciOidcPermissionMissing,
  // ci-hardened
  ciPullRequestTargetCheckout,
  ciPermissions,
  ciUnpinnedAction,
  ciSecretsExposed,
];
