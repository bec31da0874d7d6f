import { defineLiveRule } from './live-rule';

export const managementAccountWorkloads = defineLiveRule({
  id: 'management-account-workloads',
  guardrail: 'management-account-clean',
  title: 'No workloads in the Organizations management account',
  description:
    'SCPs and RCPs do not apply to the AWS Organizations management account, and a role there can reach every member account: an EC2 instance in it is one compromise away from the whole organisation.',
  severity: 'high',
  confidence: 'high',
  kinds: ['aws-account'],
  messages: {
    workloads: 'Account {{account}} is the management account of its organisation and runs {{count}} EC2 instance(s) ({{examples}}). Move workloads to member accounts and keep the management account for billing and organisation administration.',
  },
  remediation: {
    text: 'Migrate the instances to a member account and remove them from the management account.',
    pavedRoad: 'A landing zone (Control Tower or your own) where the management account holds no workloads and every team deploys into its own member accounts.',
  },
  anchors: { CIS: ['2.1.3'], Datadog: ['State of Cloud Security 2025, Fact 1'] },
  references: [
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_best-practices_mgmt-acct.html',
    'https://docs.aws.amazon.com/whitepapers/latest/organizing-your-aws-environment/design-principles-for-your-multi-account-strategy.html',
  ],
  live: {
    reports: { workloads: { when: 'the account is its organisation\'s management account and runs at least one EC2 instance, running or stopped, in a scanned region' } },
    evidence: [
      '`organizations:DescribeOrganization`: the account is the management account when its id is `MasterAccountId`',
      '`ec2:DescribeInstances` in every scanned region: instances that are not terminated or shutting down',
    ],
    neverReported: [
      'a member account, or an account in no organisation (`AWSOrganizationsNotInUseException`), whatever it runs',
      'a management account without instances (terminated ones run nothing)',
      'an account whose organisation could not be read: its guardrail is unknown, never pass',
    ],
  },
  check(account, ctx) {
    const management = account.isManagementAccount;
    if (management.state === 'unknown') return ctx.undecided(`whether ${account.accountId} is the management account: ${management.reason}`, management.at);
    if (management.state === 'absent' || !management.value) return;
    // The collector leaves out terminated instances; stopped ones count, as they restart with the same role.
    const instances = ctx.model.ofKind('ec2-instance').filter((i) => i.origin === 'aws');
    if (!instances.length) return;
    const names = instances.slice(0, 3).map((i) => i.name);
    ctx.report({
      messageId: 'workloads',
      at: account.site,
      data: { account: account.accountId, count: String(instances.length), examples: names.join(', ') + (instances.length > 3 ? ', …' : '') },
    });
  },
});
