import type { Attr } from '../../iac/model/attr';
import { set, unknown } from '../../iac/model/attr';
import type { AwsAccount, Ec2Instance, Resource } from '../../iac/model/resources';
import { ResourceModel } from '../../iac/model/resources';
import { liveSite } from '../collect/live-inventory';
import { managementAccountWorkloads } from './management-account-workloads';

const site = liveSite('123456789012', 'arn:aws:iam::123456789012:root');
const account = (isManagementAccount: Attr<boolean>): AwsAccount => ({ kind: 'aws-account', address: 'acct', type: 'AWS::Organizations::Account', origin: 'aws', site, name: 'account', accountId: '123456789012', isManagementAccount });
const instance = (id: string): Ec2Instance => ({ kind: 'ec2-instance', address: id, type: 'AWS::EC2::Instance', origin: 'aws', site, name: id, httpTokens: set('required', site), httpEndpoint: set('enabled', site), ami: set('ami-1', site) });

function check(subject: AwsAccount, others: Resource[]) {
  const found: string[] = [];
  const undecided: string[] = [];
  managementAccountWorkloads.check(subject, { model: new ResourceModel([subject, ...others]), report: (r) => found.push(`${r.messageId}: ${r.data?.count ?? ''}`), undecided: (r) => undecided.push(r) });
  return { found, undecided };
}

describe('management-account-workloads', () => {
  it('reports instances in the management account', () => {
    expect(check(account(set(true, site)), [instance('i-1'), instance('i-2')]).found).toEqual(['workloads: 2']);
  });

  it('accepts a management account without instances, and a member account with them', () => {
    expect(check(account(set(true, site)), []).found).toEqual([]);
    expect(check(account(set(false, site)), [instance('i-1')]).found).toEqual([]);
  });

  it('is undecided when Organizations could not be read', () => {
    expect(check(account(unknown(site, 'denied')), [instance('i-1')]).undecided).toEqual(['whether 123456789012 is the management account: denied']);
  });
});
