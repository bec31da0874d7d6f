import { KNOWN_AWS_ACCOUNTS } from './data/known-aws-accounts';

/** Who owns a known AWS account: a SaaS vendor, or AWS itself for service accounts (log delivery, ...). */
export interface KnownAwsAccount {
  name: string;
  aws: boolean;
  /** False for entries the upstream list marks as deprecated; still labelled, still a vendor. */
  enabled: boolean;
}

let byAccount: Map<string, KnownAwsAccount> | undefined;

/** The known owner of an account id (fwdcloudsec/known_aws_accounts), or undefined. */
export function knownAwsAccount(account: string): KnownAwsAccount | undefined {
  if (!byAccount) {
    byAccount = new Map();
    for (const entry of KNOWN_AWS_ACCOUNTS) {
      for (const id of entry.accounts) byAccount.set(id, { name: entry.name, aws: entry.aws, enabled: entry.enabled });
    }
  }
  return byAccount.get(account);
}
