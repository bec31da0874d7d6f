import type { EC2Client } from '@aws-sdk/client-ec2';
import { DescribeImagesCommand, GetInstanceMetadataDefaultsCommand } from '@aws-sdk/client-ec2';
import type { AwsResult } from './aws-call';
import { AWS_CALL_TIMEOUT_MS, callAws } from './aws-call';

/** The account's IMDS default for new instances in one region (`ec2:GetInstanceMetadataDefaults`). */
export interface ImdsDefaults {
  region: string;
  /** `no-preference`: no account default, so the AMI decides (AWS's order of precedence). */
  httpTokens: 'required' | 'optional' | 'no-preference';
  /** The default turns the metadata endpoint off. */
  endpointDisabled: boolean;
}

/** An AMI's `ImdsSupport`: `v2.0` makes IMDSv2 the launch default when the account has none. */
export type AmiImds = 'v2.0' | 'unset' | 'not-found';

export interface ImdsContext {
  defaults: ImdsDefaults;
  amis: ReadonlyMap<string, AmiImds>;
}

/** Most AMIs looked up in one run; the rest stay as the code left them. */
export const MAX_AMI_LOOKUPS = 20;

/** The defaults decide every launch that does not set `HttpTokens`, whatever the AMI says. */
export const defaultsDecide = (d: ImdsDefaults) => d.endpointDisabled || d.httpTokens !== 'no-preference';

/**
 * The region's IMDS defaults and, when those leave it to the AMI, the `ImdsSupport` of each AMI (`ec2:DescribeImages`,
 * one id per call: an id that is not found fails a whole batch). An AMI that is not found (another account's, or
 * deregistered) is `not-found`, not a failure.
 */
export async function readImdsContext(ec2: EC2Client, region: string, amiIds: readonly string[], timeoutMs = AWS_CALL_TIMEOUT_MS): Promise<AwsResult<ImdsContext>> {
  const read = await callAws('ec2:GetInstanceMetadataDefaults', (abortSignal) => ec2.send(new GetInstanceMetadataDefaultsCommand({}), { abortSignal }), timeoutMs);
  if (!read.ok) return read;
  const level = read.value.AccountLevel;
  const tokens = level?.HttpTokens;
  const defaults: ImdsDefaults = {
    region,
    httpTokens: tokens === 'required' || tokens === 'optional' ? tokens : 'no-preference',
    endpointDisabled: level?.HttpEndpoint === 'disabled',
  };
  const amis = new Map<string, AmiImds>();
  if (defaultsDecide(defaults)) return { ok: true, value: { defaults, amis } };

  for (const id of [...new Set(amiIds)].slice(0, MAX_AMI_LOOKUPS)) {
    const images = await callAws('ec2:DescribeImages', (abortSignal) => ec2.send(new DescribeImagesCommand({ ImageIds: [id] }), { abortSignal }), timeoutMs);
    if (!images.ok) {
      if (images.failure.code.startsWith('InvalidAMIID.')) {
        amis.set(id, 'not-found');
        continue;
      }
      return images;
    }
    const image = images.value.Images?.find((i) => i.ImageId === id);
    amis.set(id, !image ? 'not-found' : image.ImdsSupport === 'v2.0' ? 'v2.0' : 'unset');
  }
  return { ok: true, value: { defaults, amis } };
}
