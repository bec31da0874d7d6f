import type { FindingRecord } from '../store/finding-record';

// Console deep links by ARN service; the resource id is the finding's ARN.
function consoleLink(arn: string, region: string | undefined): string | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, arnRegion, , ...rest] = parts;
  const resource = rest.join(':');
  const host = partition === 'aws-us-gov' ? 'console.amazonaws-us-gov.com' : partition === 'aws-cn' ? 'console.amazonaws.cn' : 'console.aws.amazon.com';
  const r = arnRegion || region || 'us-east-1';
  const name = resource.split('/').pop() ?? resource;
  switch (service) {
    case 'iam':
      if (resource.startsWith('user/')) return `https://${host}/iam/home#/users/details/${encodeURIComponent(name)}`;
      if (resource.startsWith('role/')) return `https://${host}/iam/home#/roles/details/${encodeURIComponent(name)}`;
      if (resource.startsWith('policy/')) return `https://${host}/iam/home#/policies/details/${encodeURIComponent(arn)}`;
      return `https://${host}/iam/home`;
    case 'ec2':
      if (resource.startsWith('instance/')) return `https://${r}.${host}/ec2/home?region=${r}#InstanceDetails:instanceId=${encodeURIComponent(name)}`;
      if (resource.startsWith('launch-template/')) return `https://${r}.${host}/ec2/home?region=${r}#LaunchTemplateDetails:launchTemplateId=${encodeURIComponent(name)}`;
      return `https://${r}.${host}/ec2/home?region=${r}`;
    case 'eks':
      return `https://${r}.${host}/eks/clusters/${encodeURIComponent(name)}?region=${r}`;
    case 's3':
      return `https://${host}/s3/buckets/${encodeURIComponent(resource)}`;
    default:
      return undefined;
  }
}

/**
 * Where a user can see the finding: the exact lines at the scanned commit for code, the console page for a
 * live resource.
 */
export function findingLink(f: FindingRecord, sourceBaseUrl: string): string | undefined {
  if (f.location && f.repository) {
    const at = f.commit ?? 'HEAD';
    const path = f.location.path.split('/').map(encodeURIComponent).join('/');
    const lines = f.location.endLine > f.location.startLine ? `#L${f.location.startLine}-L${f.location.endLine}` : `#L${f.location.startLine}`;
    return `${sourceBaseUrl.replace(/\/$/, '')}/${f.repository}/blob/${at}/${path}${lines}`;
  }
  if (f.resource?.provider === 'aws') return consoleLink(f.resource.id, f.resource.region);
  return undefined;
}
