import { AWSOrganizationsNotInUseException, DescribeOrganizationCommand } from '@aws-sdk/client-organizations';
import { set, unknown } from '../../iac/model/attr';
import type { AwsAccount } from '../../iac/model/resources';
import type { ScanContext } from '../session/scan-context';
import type { LiveInventory } from './live-inventory';
import { liveSite } from './live-inventory';

/**
 * Whether the account is its organisation's management account: `DescribeOrganization` answers in every member,
 * and the management account is the one whose id is `MasterAccountId`. A standalone account is not one.
 */
export async function collectOrganization(ctx: ScanContext, inventory: LiveInventory): Promise<boolean | undefined> {
  const account = inventory.accountId;
  const organizations = ctx.clients.organizations();
  const org = await ctx.step({ service: 'organizations', operation: 'DescribeOrganization', guardrails: ['management-account-clean'] }, async (abortSignal) => {
    try {
      const o = (await organizations.send(new DescribeOrganizationCommand({}), { abortSignal })).Organization;
      return { id: o?.Id, management: o?.MasterAccountId };
    } catch (error) {
      if (error instanceof AWSOrganizationsNotInUseException) return { id: undefined, management: undefined };
      throw error;
    }
  });
  const arn = `arn:aws:iam::${account}:root`;
  const site = liveSite(account, arn);
  const isManagement = org ? org.management === account : undefined;
  const resource: AwsAccount = {
    kind: 'aws-account',
    address: `${arn}#account`,
    type: 'AWS::Organizations::Account',
    origin: 'aws',
    site,
    name: `account ${account}`,
    accountId: account,
    isManagementAccount: isManagement === undefined ? unknown(site, 'organizations:DescribeOrganization could not be read') : set(isManagement, site),
  };
  inventory.addGlobal(resource, org?.id ? { organizationId: org.id } : undefined);
  return isManagement;
}
