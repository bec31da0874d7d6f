import { findingLink } from './finding-link';
import type { FindingRecord } from '../store/finding-record';

const base: FindingRecord = {
  id: 'f1', entityRef: 'component:default/app', fingerprint: 'fp00000000', sourceKey: 'github:acme/app', kind: 'repo', ruleId: 'r', guardrail: 'no-leaked-secrets',
  severity: 'high', confidence: 'high', title: 't', message: 'm', evidence: 'e', remediation: { text: 't', pavedRoad: 'p' }, references: [], status: 'open',
  inlineSuppressed: false, firstSeenAt: 0, lastSeenAt: 0, lastReportId: 'r',
};

describe('findingLink', () => {
  it('links a file finding to its lines at the scanned commit', () => {
    const f = { ...base, repository: 'acme/app', commit: 'abc123', location: { path: 'infra/my main.tf', startLine: 4, startColumn: 1, endLine: 9, endColumn: 2 } };
    expect(findingLink(f, 'https://github.example.com/')).toBe('https://github.example.com/acme/app/blob/abc123/infra/my%20main.tf#L4-L9');
  });

  it('links live resources to their console page', () => {
    const at = (id: string, region?: string) => findingLink({ ...base, kind: 'aws', resource: { provider: 'aws', account: '111122223333', id, ...(region ? { region } : {}) } }, 'https://github.com');
    expect(at('arn:aws:iam::111122223333:user/deploy-bot')).toBe('https://console.aws.amazon.com/iam/home#/users/details/deploy-bot');
    expect(at('arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc', 'eu-west-1')).toBe('https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#InstanceDetails:instanceId=i-0abc');
    expect(at('arn:aws:eks:us-east-2:111122223333:cluster/prod')).toBe('https://us-east-2.console.aws.amazon.com/eks/clusters/prod?region=us-east-2');
    expect(at('not-an-arn')).toBeUndefined();
  });
});
