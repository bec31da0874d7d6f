import type { STSClient } from '@aws-sdk/client-sts';
import { GetAccessKeyInfoCommand } from '@aws-sdk/client-sts';
import type { Finding } from '@pavedroad/guardrails-core';
import type { AwsResult } from './aws-call';
import { AWS_CALL_TIMEOUT_MS, callAws } from './aws-call';

/** Most leaked keys looked up in one run. */
export const MAX_KEY_LOOKUPS = 20;

/**
 * The account each key id belongs to (`sts:GetAccessKeyInfo`, which answers for any key id, whoever's, and is
 * logged in the caller's CloudTrail, not the key owner's). Keyed by key id; ids are never put in the result's text.
 */
export async function readKeyAccounts(sts: STSClient, keyIds: readonly string[], timeoutMs = AWS_CALL_TIMEOUT_MS): Promise<AwsResult<Map<string, string>>> {
  const accounts = new Map<string, string>();
  for (const id of [...new Set(keyIds)].slice(0, MAX_KEY_LOOKUPS)) {
    const info = await callAws('sts:GetAccessKeyInfo', (abortSignal) => sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: id }), { abortSignal }), timeoutMs);
    if (!info.ok) return info;
    if (info.value.Account && /^\d{12}$/.test(info.value.Account)) accounts.set(id, info.value.Account);
  }
  return { ok: true, value: accounts };
}

/** Names the owning account on each leaked-key finding: the `awsAccount` property and a sentence in the message. */
export function applyKeyAccounts(findings: readonly Finding[], ids: ReadonlyMap<Finding, string>, accounts: ReadonlyMap<string, string>): { findings: Finding[]; named: number } {
  let named = 0;
  const out = findings.map((f) => {
    const id = ids.get(f);
    const account = id ? accounts.get(id) : undefined;
    if (!account) return f;
    named++;
    return {
      ...f,
      message: `${f.message} AWS context: \`sts:GetAccessKeyInfo\` names account ${account} as the key's owner.`,
      properties: { ...f.properties, awsAccount: account },
    };
  });
  return { findings: out, named };
}
