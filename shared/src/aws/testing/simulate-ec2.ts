import type { SimulatedAccountSpec, SimulatedInstance } from './simulated-account-spec';
import { ec2Error, ec2Response, el, page } from './aws-wire';

const STATE_CODES: Record<string, number> = { pending: 0, running: 16, 'shutting-down': 32, terminated: 48, stopping: 64, stopped: 80 };

const tagSet = (tags: Record<string, string> | undefined) =>
  tags ? `<tagSet>${Object.entries(tags).map(([k, v]) => `<item>${el('key', k)}${el('value', v)}</item>`).join('')}</tagSet>` : '';

/** EC2 in one region, as the simulated account answers it (EC2 Query protocol). */
export class Ec2Simulator {
  constructor(private readonly spec: SimulatedAccountSpec) {}

  respond(region: string, action: string, p: URLSearchParams): Response {
    const r = this.spec.regions[region];
    if (action === 'DescribeRegions') return this.#regions();
    // A region not enabled for the account rejects its credentials.
    if (!r) return ec2Error('AuthFailure', 401, 'AWS was not able to validate the provided access credentials');
    const size = Math.min(Number(p.get('MaxResults') ?? 1000), this.spec.pageSize ?? Infinity);
    const start = Number(p.get('NextToken') ?? 0);
    switch (action) {
      case 'DescribeInstances': {
        const { items, next } = page(r.instances ?? [], start, size);
        const reservations = items.map((i) => `<item><reservationId>r-${i.id.slice(2)}</reservationId>${el('ownerId', this.spec.accountId)}<groupSet/><instancesSet>${this.#instance(i)}</instancesSet></item>`).join('');
        return ec2Response(action, `<reservationSet>${reservations}</reservationSet>${el('nextToken', next)}`);
      }
      case 'GetInstanceMetadataDefaults': {
        const d = r.imdsDefault ?? 'none';
        return ec2Response(action, d === 'none' ? '<accountLevel/>' : `<accountLevel>${el('httpTokens', d)}<managedBy>account</managedBy></accountLevel>`);
      }
      case 'DescribeLaunchTemplates': {
        const { items, next } = page(r.launchTemplates ?? [], start, size);
        const body = items.map((t) => `<item>${el('launchTemplateId', t.id)}${el('launchTemplateName', t.name)}<defaultVersionNumber>1</defaultVersionNumber><latestVersionNumber>1</latestVersionNumber><createTime>2024-01-01T00:00:00.000Z</createTime></item>`).join('');
        return ec2Response(action, `<launchTemplates>${body}</launchTemplates>${el('nextToken', next)}`);
      }
      case 'DescribeLaunchTemplateVersions': {
        const t = (r.launchTemplates ?? []).find((x) => x.id === p.get('LaunchTemplateId'));
        if (!t) return ec2Error('InvalidLaunchTemplateId.NotFound', 400);
        const data = `<launchTemplateData>${el('imageId', t.imageId)}${t.profile ? `<iamInstanceProfile>${el('name', t.profile)}</iamInstanceProfile>` : ''}${t.httpTokens ? `<metadataOptions>${el('httpTokens', t.httpTokens)}<httpEndpoint>enabled</httpEndpoint></metadataOptions>` : ''}</launchTemplateData>`;
        return ec2Response(action, `<launchTemplateVersionSet><item>${el('launchTemplateId', t.id)}${el('launchTemplateName', t.name)}<versionNumber>1</versionNumber><defaultVersion>true</defaultVersion>${data}</item></launchTemplateVersionSet>`);
      }
      case 'DescribeImages': {
        const ids = [...p.entries()].filter(([k]) => /^Filter\.1\.Value\.\d+$/.test(k)).map(([, v]) => v);
        const found = ids.filter((id) => r.images?.[id] !== undefined);
        const body = found.map((id) => `<item>${el('imageId', id)}${r.images?.[id] === 'v2.0' ? '<imdsSupport>v2.0</imdsSupport>' : ''}</item>`).join('');
        return ec2Response(action, `<imagesSet>${body}</imagesSet>`);
      }
      default:
        return ec2Error('InvalidAction', 400, `the simulator does not answer ${action}`);
    }
  }

  #regions(): Response {
    const item = (name: string, status: string) => `<item>${el('regionName', name)}${el('regionEndpoint', `ec2.${name}.amazonaws.com`)}${el('optInStatus', status)}</item>`;
    const items = [...Object.keys(this.spec.regions).map((r) => item(r, 'opt-in-not-required')), ...this.spec.disabledRegions.map((r) => item(r, 'not-opted-in'))];
    return ec2Response('DescribeRegions', `<regionInfo>${items.join('')}</regionInfo>`);
  }

  #instance(i: SimulatedInstance): string {
    const state = i.state ?? 'running';
    const profile = i.profile ? `<iamInstanceProfile>${el('arn', `arn:aws:iam::${this.spec.accountId}:instance-profile/${i.profile}`)}${el('id', `AIPA${i.profile.toUpperCase()}`)}</iamInstanceProfile>` : '';
    const eni = `<networkInterfaceSet><item>${el('networkInterfaceId', `eni-${i.id.slice(2)}`)}<attachment>${el('attachmentId', `eni-attach-${i.id.slice(2)}`)}<deviceIndex>0</deviceIndex><status>attached</status>${el('attachTime', i.firstLaunch ?? i.launchTime ?? '2024-01-01T00:00:00.000Z')}</attachment></item></networkInterfaceSet>`;
    return `<item>${el('instanceId', i.id)}${el('imageId', i.imageId ?? 'ami-0123456789abcdef0')}<instanceState>${el('code', STATE_CODES[state])}${el('name', state)}</instanceState><instanceType>t3.micro</instanceType>${el('launchTime', i.launchTime ?? '2024-01-01T00:00:00.000Z')}${profile}<metadataOptions><state>applied</state>${el('httpTokens', i.httpTokens ?? 'optional')}<httpPutResponseHopLimit>1</httpPutResponseHopLimit>${el('httpEndpoint', i.httpEndpoint ?? 'enabled')}</metadataOptions>${eni}${tagSet(i.tags)}</item>`;
  }
}
