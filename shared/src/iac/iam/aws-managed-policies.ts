import type { PrivilegeCategory } from './privileges';

/** What an AWS managed policy gives a principal, and where that classification comes from. */
export interface AwsManagedPolicy {
  /** Per category, the grant that puts the policy in it (for messages); empty for a policy known to be none. */
  risks: Readonly<Partial<Record<PrivilegeCategory, string>>>;
  source: string;
}

const REFERENCE = 'AWS Managed Policy Reference Guide';
const DATADOG_LATERAL = 'Datadog State of Cloud Security 2025, Fact 8 lateral-movement policy list (research aws-live §2.2)';
const DATADOG_DATA = 'Datadog State of Cloud Security 2025, Fact 8 data-access policy list (research aws-live §2.3)';
const EKS_NODE = 'Amazon EKS User Guide, node IAM role';

/**
 * AWS managed policies by name. A policy not listed is unknown: a role that has one is undecided, never
 * passed. Policies with no risks are known to grant none of the risky combinations.
 */
export const AWS_MANAGED_POLICIES: Readonly<Record<string, AwsManagedPolicy>> = {
  AdministratorAccess: { risks: { admin: '`*` on `*`' }, source: `${REFERENCE}; Checkov CKV_AWS_274` },
  IAMFullAccess: { risks: { admin: '`iam:*` on `*`' }, source: `${REFERENCE}; Checkov CKV2_AWS_56` },
  PowerUserAccess: {
    // NotAction iam:*, organizations:*, account:* on `*`.
    risks: {
      'privilege-escalation': '`lambda:UpdateFunctionCode` and `glue:UpdateDevEndpoint` on `*`',
      'lateral-movement': '`ssm:StartSession` and `ssm:SendCommand` on `*`',
      'data-access': '`s3:GetObject` and `secretsmanager:GetSecretValue` on `*`',
    },
    source: `${REFERENCE} (NotAction iam:*, organizations:*, account:*)`,
  },
  ReadOnlyAccess: {
    risks: { 'data-access': '`s3:GetObject` and the other read actions on `*`' },
    source: 'research aws-live §1.4; Prowler iam_role_cross_account_readonlyaccess_policy',
  },
  AmazonS3FullAccess: { risks: { 'data-access': '`s3:*` on `*`' }, source: `${DATADOG_DATA}; Trivy AVD-AWS-0345` },
  AmazonS3ReadOnlyAccess: { risks: { 'data-access': '`s3:Get*` and `s3:List*` on `*`' }, source: DATADOG_DATA },
  AmazonSSMFullAccess: {
    risks: { 'lateral-movement': '`ssm:*` on `*`', 'data-access': '`ssm:GetParameter*` on `*`' },
    source: `${DATADOG_LATERAL}; Cloudsplaining READ_ONLY_DATA_EXFILTRATION_ACTIONS`,
  },
  AmazonSSMAutomationRole: { risks: { 'lateral-movement': 'SSM Automation on every instance' }, source: DATADOG_LATERAL },
  AmazonSSMMaintenanceWindowRole: { risks: { 'lateral-movement': '`ssm:SendCommand` on every instance' }, source: DATADOG_LATERAL },
  EC2InstanceConnect: { risks: { 'lateral-movement': '`ec2-instance-connect:SendSSHPublicKey` on `*`' }, source: DATADOG_LATERAL },
  AmazonSSMReadOnlyAccess: { risks: { 'data-access': '`ssm:Get*` on `*`, which reads every parameter' }, source: DATADOG_DATA },
  SecretsManagerReadWrite: { risks: { 'data-access': '`secretsmanager:*` on `*`' }, source: DATADOG_DATA },
  AmazonDynamoDBFullAccess: { risks: { 'data-access': '`dynamodb:*` on `*`' }, source: REFERENCE },
  AmazonDynamoDBReadOnlyAccess: { risks: { 'data-access': '`dynamodb:Scan` and `dynamodb:Query` on `*`' }, source: DATADOG_DATA },
  AmazonEC2FullAccess: { risks: { 'data-access': '`ec2:*` on `*`, which shares any EBS snapshot' }, source: DATADOG_DATA },
  // The SSM agent's own channel: no ssm:StartSession or ssm:SendCommand towards other instances.
  AmazonSSMManagedInstanceCore: { risks: {}, source: 'research aws-live §1.3' },
  // The standard node policies: EC2/EKS describe calls, ENI management, ECR pulls, metrics and logs.
  AmazonEKSWorkerNodePolicy: { risks: {}, source: EKS_NODE },
  AmazonEKS_CNI_Policy: { risks: {}, source: EKS_NODE },
  AmazonEC2ContainerRegistryReadOnly: { risks: {}, source: EKS_NODE },
  AmazonEC2ContainerRegistryPullOnly: { risks: {}, source: EKS_NODE },
  CloudWatchAgentServerPolicy: { risks: {}, source: 'Amazon CloudWatch User Guide, agent IAM role' },
  // Configuration reads, no object, secret or parameter values: what vendors should get.
  SecurityAudit: { risks: {}, source: REFERENCE },
  ViewOnlyAccess: { risks: {}, source: REFERENCE },
};

/** The name of an AWS managed policy from its ARN (`arn:aws:iam::aws:policy/service-role/X` → `X`), else undefined. */
export function awsManagedPolicyName(arn: string): string | undefined {
  return /^arn:aws(?:-[a-z]+)*:iam::aws:policy\/(?:[^/]+\/)*([^/]+)$/.exec(arn)?.[1];
}
