import { awsAccessKeyId } from './rules/aws/aws-access-key-id';
import { awsSecretAccessKey } from './rules/aws/aws-secret-access-key';
import { awsSessionToken } from './rules/aws/aws-session-token';
import { azureEntraClientSecret } from './rules/azure/azure-entra-client-secret';
import { azureStorageAccountKey } from './rules/azure/azure-storage-account-key';
import { gcpApiKey } from './rules/gcp/gcp-api-key';
import { gcpOauthClientSecret } from './rules/gcp/gcp-oauth-client-secret';
import { gcpServiceAccountKey } from './rules/gcp/gcp-service-account-key';
import { genericCredential } from './rules/generic/generic-credential';
import { urlCredential } from './rules/generic/url-credential';
import { githubToken } from './rules/github/github-token';
import { gitlabToken } from './rules/gitlab/gitlab-token';
import { npmToken } from './rules/npm/npm-token';
import { pkcs12File } from './rules/private-key/pkcs12-file';
import { privateKey } from './rules/private-key/private-key';
import { slackToken } from './rules/slack/slack-token';
import { slackWebhook } from './rules/slack/slack-webhook';
import type { FileRule, SecretRule } from './secret-rule';

/** Every secret rule, listed explicitly. Adding a rule: its file, its examples, its doc page, and one line here. */
export const SECRET_RULES: readonly SecretRule[] = [
  awsAccessKeyId,
  awsSecretAccessKey,
  awsSessionToken,
  gcpServiceAccountKey,
  gcpApiKey,
  gcpOauthClientSecret,
  azureEntraClientSecret,
  azureStorageAccountKey,
  githubToken,
  gitlabToken,
  npmToken,
  slackToken,
  slackWebhook,
  privateKey,
  urlCredential,
  genericCredential,
];

/** Rules that report a file by its name alone. */
export const FILE_RULES: readonly FileRule[] = [pkcs12File];
