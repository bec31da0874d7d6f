import { iamAccessKeyAge } from './rules/iam-access-key-age';
import { iamUserConsoleNoMfa } from './rules/iam-user-console-no-mfa';
import type { AnyLiveRule } from './rules/live-rule';
import { managementAccountWorkloads } from './rules/management-account-workloads';

/** Rules only live AWS resources can trigger; the live scan runs them after the resource rules of the core. */
export const LIVE_RULES: readonly AnyLiveRule[] = [iamAccessKeyAge, iamUserConsoleNoMfa, managementAccountWorkloads];
