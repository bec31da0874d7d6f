import type { Instance, LaunchTemplateVersion } from '@aws-sdk/client-ec2';
import { GetInstanceMetadataDefaultsCommand, paginateDescribeImages, paginateDescribeInstances, paginateDescribeLaunchTemplates, paginateDescribeLaunchTemplateVersions } from '@aws-sdk/client-ec2';
import type { Attr, Link, Site } from '../../iac/model/attr';
import { absent, set, unknown } from '../../iac/model/attr';
import type { Ami, Ec2Instance, InstanceMetadataDefaults, LaunchTemplate } from '../../iac/model/resources';
import type { ScanContext } from '../session/scan-context';
import type { LiveInventory, ResourceFacts } from './live-inventory';
import { daysSince, liveArn, liveSite } from './live-inventory';

// Terminated instances stay listed for about an hour; they run nothing (research aws-live §1.2).
const GONE = new Set(['terminated', 'shutting-down']);
// Smaller than the API's 1000: a page of 1000 instances parses into tens of MB at once, per region in parallel.
const INSTANCE_PAGE = 200;
/** Image ids per DescribeImages filter. */
const IMAGE_BATCH = 100;

const attr = <T>(value: T | undefined, site: Site): Attr<T> => (value === undefined ? absent(site) : set(value, site));

/** A profile given by ARN links to it; one given by name links by name (`name:<profile>`). */
function profileLink(profile: { Arn?: string | undefined; Name?: string | undefined } | undefined, site: Site): Link | undefined {
  if (profile?.Arn) return { target: profile.Arn, at: site };
  if (profile?.Name) return { target: `name:${profile.Name}`, at: site };
  return undefined;
}

const nameTag = (tags: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined) => tags?.find((t) => t.Key === 'Name')?.Value;

/**
 * One region's EC2: instances (metadata options, instance profile, first launch from the primary network
 * interface's attach time, since `LaunchTime` resets on stop/start), the account's IMDS default, launch templates'
 * default and latest versions, and the IMDS support of the AMIs those versions leave the decision to.
 */
export async function collectEc2Region(ctx: ScanContext, inventory: LiveInventory, region: string): Promise<void> {
  const ec2 = ctx.clients.ec2(region);
  const account = inventory.accountId;

  await ctx.step(
    { service: 'ec2', operation: 'DescribeInstances', region, guardrails: ['imdsv2-enforced', 'least-privilege-workloads', 'management-account-clean'] },
    async (abortSignal) => {
      for await (const page of paginateDescribeInstances({ client: ec2, pageSize: INSTANCE_PAGE }, {}, { abortSignal })) {
        for (const reservation of page.Reservations ?? []) for (const i of reservation.Instances ?? []) addInstance(inventory, region, i, ctx.now);
      }
    },
  );

  await ctx.step({ service: 'ec2', operation: 'GetInstanceMetadataDefaults', region, guardrails: ['imdsv2-enforced'] }, async (abortSignal) => {
    const level = (await ec2.send(new GetInstanceMetadataDefaultsCommand({}), { abortSignal })).AccountLevel;
    const address = `arn:aws:ec2:${region}:${account}:instance-metadata-defaults`;
    const site = liveSite(account, address, region);
    // An empty AccountLevel means no default: the AMI decides (`no-preference`).
    const defaults: InstanceMetadataDefaults = {
      kind: 'imds-defaults',
      address,
      type: 'AWS::EC2::InstanceMetadataDefaults',
      origin: 'aws',
      site,
      name: `IMDS defaults of ${region}`,
      httpTokens: level?.HttpTokens === 'required' || level?.HttpTokens === 'optional' ? set(level.HttpTokens, site) : absent(site),
      httpEndpoint: attr(level?.HttpEndpoint, site),
    };
    inventory.addRegional(region, defaults, level?.ManagedBy ? { managedBy: level.ManagedBy } : undefined);
  });

  const versions: { template: { id: string; name: string; arn: string }; version: LaunchTemplateVersion; which: string }[] = [];
  await ctx.step({ service: 'ec2', operation: 'DescribeLaunchTemplates', region, guardrails: ['imdsv2-enforced', 'least-privilege-workloads'] }, async (abortSignal) => {
    for await (const page of paginateDescribeLaunchTemplates({ client: ec2, pageSize: 200 }, {}, { abortSignal })) {
      for (const t of page.LaunchTemplates ?? []) {
        if (!t.LaunchTemplateId) continue;
        const template = { id: t.LaunchTemplateId, name: t.LaunchTemplateName ?? t.LaunchTemplateId, arn: `arn:aws:ec2:${region}:${account}:launch-template/${t.LaunchTemplateId}` };
        inventory.addTags(template.arn, t.Tags);
        // The default version is what Security Hub judges; the latest is what `$Latest` launches use.
        await ctx.step({ service: 'ec2', operation: 'DescribeLaunchTemplateVersions', region, guardrails: ['imdsv2-enforced', 'least-privilege-workloads'] }, async () => {
          for await (const vp of paginateDescribeLaunchTemplateVersions({ client: ec2 }, { LaunchTemplateId: t.LaunchTemplateId, Versions: ['$Default', '$Latest'] }, { abortSignal })) {
            for (const version of vp.LaunchTemplateVersions ?? []) {
              const which = version.DefaultVersion ? 'default' : 'latest';
              if (!versions.some((v) => v.template.id === template.id && v.version.VersionNumber === version.VersionNumber)) versions.push({ template, version, which });
            }
          }
        });
      }
    }
  });

  // AMIs matter only where the template leaves HttpTokens to them (AWS precedence: template, account default, AMI).
  const undecidedImages = [...new Set(versions.filter((v) => !v.version.LaunchTemplateData?.MetadataOptions?.HttpTokens).map((v) => v.version.LaunchTemplateData?.ImageId).filter((id): id is string => !!id))];
  const support = new Map<string, string | undefined>();
  let imagesRead = true;
  for (let start = 0; start < undecidedImages.length; start += IMAGE_BATCH) {
    const ids = undecidedImages.slice(start, start + IMAGE_BATCH);
    // A filter, not ImageIds: one deregistered id would fail the whole batch (InvalidAMIID.NotFound).
    const read = await ctx.step({ service: 'ec2', operation: 'DescribeImages', region, guardrails: ['imdsv2-enforced'] }, async (abortSignal) => {
      for await (const page of paginateDescribeImages({ client: ec2 }, { Filters: [{ Name: 'image-id', Values: ids }] }, { abortSignal })) {
        for (const image of page.Images ?? []) if (image.ImageId) support.set(image.ImageId, image.ImdsSupport);
      }
      return true;
    });
    if (!read) imagesRead = false;
  }
  for (const id of undecidedImages) {
    const address = `arn:aws:ec2:${region}::image/${id}`;
    const site = liveSite(account, address, region);
    const value = support.get(id);
    const ami: Ami = {
      kind: 'ami',
      address,
      type: 'AWS::EC2::Image',
      origin: 'aws',
      site,
      name: id,
      imdsSupport: !imagesRead && !support.has(id) ? unknown(site, 'ec2:DescribeImages could not be read') : attr(value, site),
    };
    inventory.addRegional(region, ami);
  }

  for (const { template, version, which } of versions) {
    const data = version.LaunchTemplateData;
    const site = liveSite(account, template.arn, region);
    const options = data?.MetadataOptions;
    const lt: LaunchTemplate = {
      kind: 'launch-template',
      address: `${template.arn}#${which}`,
      type: 'AWS::EC2::LaunchTemplate',
      origin: 'aws',
      site,
      name: `${template.name} (version ${version.VersionNumber ?? '?'}, ${which})`,
      httpTokens: attr(options?.HttpTokens, site),
      httpEndpoint: attr(options?.HttpEndpoint, site),
      ami: attr(data?.ImageId, site),
      amiLink: data?.ImageId ? { target: `arn:aws:ec2:${region}::image/${data.ImageId}`, at: site } : undefined,
      instanceProfile: profileLink(data?.IamInstanceProfile, site),
    };
    inventory.addRegional(region, lt, { launchTemplateVersion: version.VersionNumber ?? 0 });
  }
}

function addInstance(inventory: LiveInventory, region: string, i: Instance, now: Date): void {
  const state = inventory.shared(i.State?.Name ?? 'unknown');
  if (!i.InstanceId || GONE.has(state)) return;
  const account = inventory.accountId;
  const arn = liveArn('ec2', region, account, `instance/${i.InstanceId}`);
  const site = liveSite(account, arn, region);
  const tag = nameTag(i.Tags);
  const options = i.MetadataOptions;
  // LaunchTime is the last start; the primary interface's attach time is the first launch (EC2 API reference).
  const primary = i.NetworkInterfaces?.find((n) => n.Attachment?.DeviceIndex === 0)?.Attachment?.AttachTime;
  const firstLaunch = primary ?? i.LaunchTime;
  const instance: Ec2Instance = {
    kind: 'ec2-instance',
    address: arn,
    type: 'AWS::EC2::Instance',
    origin: 'aws',
    site,
    // Joined for a flat string, like the ARN.
    name: tag ? [i.InstanceId, ' (', tag, ')'].join('') : i.InstanceId,
    // Settings, AMIs and profiles repeat across thousands of instances: one copy of each.
    httpTokens: attr(inventory.shared(options?.HttpTokens), site),
    httpEndpoint: attr(inventory.shared(options?.HttpEndpoint), site),
    ami: attr(inventory.shared(i.ImageId), site),
    instanceProfile: i.IamInstanceProfile?.Arn ? { target: inventory.shared(i.IamInstanceProfile.Arn), at: site } : undefined,
  };
  // Assigned into an empty object, where V8 keeps up to four properties inline (spreads add a property array).
  const facts: ResourceFacts = {};
  facts.instanceState = state;
  if (firstLaunch) {
    facts.firstLaunchedAt = firstLaunch.toISOString();
    facts.instanceAgeDays = daysSince(firstLaunch, now);
  }
  if (options?.State) facts.metadataOptionsState = inventory.shared(options.State);
  inventory.addRegional(region, instance, facts);
  inventory.addTags(arn, i.Tags);
  inventory.counts.instances++;
}
