import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import type { GuardrailId } from '../../model/guardrail-id';
import type { ScanContext } from './scan-context';

/** Guardrails judged from regional services: a region that cannot be scanned leaves them unknown. */
export const REGIONAL_GUARDRAILS: readonly GuardrailId[] = ['imdsv2-enforced', 'least-privilege-workloads', 'k8s-api-private', 'management-account-clean'];

/**
 * The regions to scan: the configured ones, or every region enabled for the account. A configured opt-in region
 * that is not enabled is not called (its calls would fail authentication) and is recorded as a gap.
 */
export async function regionsToScan(ctx: ScanContext, configured: readonly string[] | undefined): Promise<string[]> {
  const ec2 = ctx.clients.ec2(ctx.clients.homeRegion);
  const all = await ctx.step({ service: 'ec2', operation: 'DescribeRegions', guardrails: configured ? [] : REGIONAL_GUARDRAILS }, async (abortSignal) =>
    (await ec2.send(new DescribeRegionsCommand({ AllRegions: true }), { abortSignal })).Regions ?? [],
  );
  const enabled = all?.filter((r) => r.OptInStatus !== 'not-opted-in').map((r) => r.RegionName).filter((n): n is string => !!n);
  if (!configured) return enabled ?? [ctx.clients.homeRegion];
  if (!all) return [...configured];
  const known = new Set(all.map((r) => r.RegionName));
  return configured.filter((region) => {
    if (enabled?.includes(region)) return true;
    const why = known.has(region) ? 'is an opt-in region that is not enabled for the account' : 'is not an AWS region';
    ctx.fail({ service: 'ec2', operation: 'DescribeRegions', region, guardrails: REGIONAL_GUARDRAILS }, { kind: 'region-disabled', code: 'OptInRequired', message: `${region} ${why}` });
    return false;
  });
}
