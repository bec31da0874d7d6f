import type { PolicyStatement } from '../model/policy-document';

/** An AWS account a trust statement lets in. */
export interface TrustedAccount {
  account: string;
  /** The whole account (`arn:aws:iam::<id>:root` or a bare id), not one role or user in it. */
  wholeAccount: boolean;
  principal: string;
}

/**
 * The accounts of a statement's `Principal.AWS` entries: bare ids, `:root`, roles, users and assumed-role
 * sessions (research aws-live §1.4). Unique ids (`AROA...`) and `*` are not accounts and are skipped.
 */
export function trustedAwsAccounts(statement: PolicyStatement): TrustedAccount[] {
  const out: TrustedAccount[] = [];
  for (const principal of statement.principals?.AWS ?? []) {
    if (/^\d{12}$/.test(principal)) {
      out.push({ account: principal, wholeAccount: true, principal });
      continue;
    }
    const m = /^arn:aws(?:-[a-z]+)*:(?:iam|sts)::(\d{12}):(.+)$/.exec(principal);
    if (m) out.push({ account: m[1]!, wholeAccount: m[2] === 'root', principal });
  }
  return out;
}

/** `Principal: "*"` or `Principal: { AWS: "*" }`: anyone with AWS credentials. */
export function trustsAnyPrincipal(statement: PolicyStatement): boolean {
  const p = statement.principals;
  return !!p && (p['*']?.includes('*') === true || p.AWS?.includes('*') === true);
}

// Datadog's rule for "has an external ID": the key `sts:ExternalId` under one of these operators
// (State of Cloud Security 2025 methodology, research aws-live §1.4).
const EXTERNAL_ID_OPERATORS = new Set(['stringequals', 'stringlike', 'foranyvalue:stringequals']);

/** Whether a trust statement requires an external id. A Deny never supplies one. */
export function requiresExternalId(statement: PolicyStatement): boolean {
  if (statement.effect !== 'Allow') return false;
  return Object.entries(statement.conditions).some(
    ([operator, keys]) => EXTERNAL_ID_OPERATORS.has(operator.toLowerCase()) && Object.keys(keys).some((k) => k.toLowerCase() === 'sts:externalid'),
  );
}

/** Whether the statement has any condition at all. */
export function hasConditions(statement: PolicyStatement): boolean {
  return Object.values(statement.conditions).some((keys) => Object.keys(keys).length > 0);
}
