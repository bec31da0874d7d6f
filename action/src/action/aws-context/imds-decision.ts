import type { Finding } from '@pavedroad/guardrails-core';
import type { ImdsContext } from './imds-context';

export const IMDS_RULE = 'ec2-imdsv2-required';

/** A resource that does not set `http_tokens`: the code alone cannot say whether IMDSv1 stays allowed. */
export const isContextDependent = (f: Finding) => f.ruleId === IMDS_RULE && f.properties?.messageId === 'absent';

// AMI ids: `ami-` and 8 or 17 hex digits.
const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** The AMI the resource launches from, when the code names it by a literal id (the core's `ami` property). */
export function literalAmi(f: Finding): string | undefined {
  const ami = f.properties?.ami;
  return typeof ami === 'string' && AMI_ID.test(ami) ? ami : undefined;
}

export type ImdsDecision =
  /** IMDSv2 is required after all: the finding is decided and goes. */
  | { kind: 'requires'; why: string }
  /** IMDSv1 stays allowed: the finding is decided and stays. */
  | { kind: 'allows-v1'; why: string }
  /** The account leaves it to the AMI, which could not be read. */
  | { kind: 'depends-on-ami'; why: string };

/**
 * AWS's order of precedence for a launch that does not set `HttpTokens`: the account's regional default when it has
 * one (`optional` overrides an AMI's `ImdsSupport: v2.0`), else the AMI (`v2.0` means required), else optional.
 */
export function decideImds(context: ImdsContext, ami: string | undefined): ImdsDecision {
  const { region, httpTokens, endpointDisabled } = context.defaults;
  if (endpointDisabled) return { kind: 'requires', why: `the account default in ${region} turns the instance metadata endpoint off` };
  switch (httpTokens) {
    case 'required':
      return { kind: 'requires', why: `the account default in ${region} requires IMDSv2 (\`HttpTokens: required\`)` };
    case 'optional':
      return {
        kind: 'allows-v1',
        why: `the account default in ${region} is \`HttpTokens: optional\` (it overrides an AMI's \`ImdsSupport: v2.0\`), so instances launched from this allow IMDSv1`,
      };
    case 'no-preference': {
      const none = `${region} has no account IMDS default (no-preference)`;
      const support = ami ? context.amis.get(ami) : undefined;
      if (support === 'v2.0') return { kind: 'requires', why: `${none} and the AMI ${ami} has \`ImdsSupport: v2.0\`` };
      if (support === 'unset') return { kind: 'allows-v1', why: `${none} and the AMI ${ami} does not set \`ImdsSupport: v2.0\`, so instances launched from this allow IMDSv1` };
      const amiState = !ami ? 'the AMI is not a literal id in this code' : support === 'not-found' ? `the AMI ${ami} was not found from this account` : `the AMI ${ami} was not looked up`;
      return { kind: 'depends-on-ami', why: `${none}, so IMDSv1 stays allowed unless the AMI sets \`ImdsSupport: v2.0\`; ${amiState}` };
    }
  }
}

export interface ImdsOutcome {
  findings: Finding[];
  /** Findings AWS decided in favour of IMDSv2, with why. */
  dropped: { finding: Finding; why: string }[];
  /** Findings kept with the account's answer added to the message. */
  explained: number;
}

/**
 * Decides the context-dependent IMDSv2 findings with what AWS says: drops those AWS requires IMDSv2 for; says in
 * the message of the others what the account default (and the AMI) leave, with `imdsDefault`, `awsRegion` and
 * `amiImdsSupport` properties. A finding decided to allow IMDSv1 becomes high confidence; severity stays.
 */
export function applyImdsContext(findings: readonly Finding[], context: ImdsContext): ImdsOutcome {
  const dropped: ImdsOutcome['dropped'] = [];
  let explained = 0;
  const kept: Finding[] = [];
  for (const f of findings) {
    if (!isContextDependent(f)) {
      kept.push(f);
      continue;
    }
    const ami = literalAmi(f);
    const decision = decideImds(context, ami);
    if (decision.kind === 'requires') {
      dropped.push({ finding: f, why: decision.why });
      continue;
    }
    explained++;
    const support = ami ? context.amis.get(ami) : undefined;
    kept.push({
      ...f,
      message: `${f.message} AWS context: ${decision.why}.`,
      ...(decision.kind === 'allows-v1' ? { confidence: 'high' as const } : {}),
      properties: { ...f.properties, imdsDefault: context.defaults.httpTokens, awsRegion: context.defaults.region, ...(support ? { amiImdsSupport: support } : {}) },
    });
  }
  return { findings: kept, dropped, explained };
}
