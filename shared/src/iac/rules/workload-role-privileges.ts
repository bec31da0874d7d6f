import type { Severity } from '../../model/severity';
import type { PrivilegeCategory } from '../iam/privileges';
import { caveatText } from '../iam/privileges';
import { rolePrivileges } from '../iam/role-privileges';
import type { RoleWorkload } from '../iam/workload-roles';
import { workloadsOfRole } from '../iam/workload-roles';
import { defineResourceRule } from './resource-rule';

type MessageId = 'admin' | 'privilegeEscalation' | 'lateralMovement' | 'dataAccess';

const BY_CATEGORY: Readonly<Record<PrivilegeCategory, { messageId: MessageId; severity: Severity }>> = {
  admin: { messageId: 'admin', severity: 'critical' },
  'privilege-escalation': { messageId: 'privilegeEscalation', severity: 'high' },
  'lateral-movement': { messageId: 'lateralMovement', severity: 'high' },
  'data-access': { messageId: 'dataAccess', severity: 'medium' },
};

/** `aws_instance.web`, `aws_launch_template.app and 2 more`. */
function describeWorkloads(workloads: readonly RoleWorkload[]): string {
  const names = workloads.map((w) => `\`${w.workload.name}\``);
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

const ROLE = (policy: string) =>
  `resource "aws_iam_role" "web" {\n  name               = "web"\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })\n${policy}}\n`;
const PROFILE = 'resource "aws_iam_instance_profile" "web" {\n  role = aws_iam_role.web.name\n}\n';
const INSTANCE = 'resource "aws_instance" "web" {\n  ami                  = "ami-1"\n  iam_instance_profile = aws_iam_instance_profile.web.name\n}\n';

export const workloadRolePrivileges = defineResourceRule({
  id: 'workload-role-privileges',
  guardrail: 'least-privilege-workloads',
  title: 'Workload roles are least-privilege',
  description:
    'Roles that EC2 instances, launch templates, launch configurations and EKS node groups run with grant no administrator access, no privilege escalation, no lateral movement to other instances and no read access to every bucket, secret, key or table in the account. All the role\'s policies count together; wildcards are expanded over the IAM action catalog.',
  severity: 'high',
  confidence: 'high',
  kinds: ['iam-role'],
  messages: {
    admin:
      '{{name}} is used by {{workloads}} and has administrator access through {{what}}: any code running there, or anyone who steals the instance credentials, controls the account. Grant only the actions the workload calls, on its own resources.{{caveat}}',
    privilegeEscalation:
      '{{name}} is used by {{workloads}} and allows privilege escalation through {{what}}: code on the workload can give itself more permissions, up to administrator. Remove these actions or scope them to specific resources.{{caveat}}',
    lateralMovement:
      '{{name}} is used by {{workloads}} and allows lateral movement through {{what}}: code on the workload can run commands on, or log in to, other instances. Remove these actions; an instance only needs `AmazonSSMManagedInstanceCore` to be managed itself.{{caveat}}',
    dataAccess:
      '{{name}} is used by {{workloads}} and can read data across the account through {{what}}: a compromised workload can read every bucket, secret, parameter or table. Scope the actions to the resources the workload uses.{{caveat}}',
  },
  remediation: {
    text: 'Replace broad grants on the workload\'s role with the actions it calls on its own resources; remove IAM write actions, `iam:PassRole` on `*`, SSM Session Manager / Run Command and EC2 Instance Connect actions.',
    pavedRoad: 'One role per workload, generated from the resources it uses (IAM Access Analyzer policy generation); SSM access for humans through Identity Center, never through instance roles.',
  },
  anchors: {
    Checkov: ['CKV_AWS_62', 'CKV_AWS_63', 'CKV_AWS_274', 'CKV_AWS_275', 'CKV_AWS_286', 'CKV_AWS_287', 'CKV_AWS_288', 'CKV_AWS_107', 'CKV_AWS_108', 'CKV_AWS_109', 'CKV_AWS_110', 'CKV_AWS_111', 'CKV2_AWS_40', 'CKV2_AWS_56'],
    Trivy: ['AVD-AWS-0057', 'AVD-AWS-0342', 'AVD-AWS-0345'],
    KICS: ['b1ffa705-19a3-4b73-b9d0-0c97d0663842', '30b88745-eebe-4ecb-a3a9-5cf886e96204', '5b4d4aee-ac94-4810-9611-833636e5916d'],
    Prowler: ['iam_role_administratoraccess_policy', 'iam_policy_allows_privilege_escalation', 'iam_inline_policy_allows_privilege_escalation'],
    'Security Hub': ['IAM.1', 'IAM.21'],
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/',
    'https://pathfinding.cloud',
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-restrict-access-quickstart.html',
  ],
  examples: {
    terraform: {
      bad: [
        {
          files: ROLE('  inline_policy {\n    name   = "all"\n    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n  }\n') + PROFILE + INSTANCE,
          expect: [{ line: 6, messageId: 'admin' }],
        },
        {
          files:
            ROLE('') +
            'resource "aws_iam_role_policy_attachment" "admin" {\n  role       = aws_iam_role.web.name\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n' +
            PROFILE +
            'resource "aws_launch_template" "app" {\n  iam_instance_profile {\n    name = aws_iam_instance_profile.web.name\n  }\n}\n',
          expect: [{ line: 7, messageId: 'admin' }],
        },
        {
          files:
            'resource "aws_iam_role" "nodes" {\n  name               = "nodes"\n  assume_role_policy = "{}"\n}\nresource "aws_iam_role_policy" "nodes" {\n  role   = aws_iam_role.nodes.id\n  policy = <<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": ["iam:PassRole", "ec2:RunInstances"], "Resource": "*"},\n    {"Effect": "Allow", "Action": "ssm:Start*", "Resource": "arn:aws:ec2:*:*:instance/*"}\n  ]\n}\nEOF\n}\nresource "aws_eks_node_group" "ng" {\n  node_role_arn = aws_iam_role.nodes.arn\n}\n',
          expect: [
            { line: 11, messageId: 'privilegeEscalation' },
            { line: 12, messageId: 'lateralMovement' },
          ],
        },
        {
          files:
            ROLE('') +
            'data "aws_iam_policy_document" "read" {\n  statement {\n    actions   = ["s3:Get*"]\n    resources = ["*"]\n  }\n}\nresource "aws_iam_policy" "read" {\n  policy = data.aws_iam_policy_document.read.json\n}\nresource "aws_iam_role_policy_attachment" "read" {\n  role       = aws_iam_role.web.name\n  policy_arn = aws_iam_policy.read.arn\n}\n' +
            PROFILE +
            INSTANCE,
          expect: [{ line: 6, messageId: 'dataAccess' }],
        },
        {
          files:
            ROLE('  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", "arn:aws:iam::aws:policy/PowerUserAccess"]\n') +
            PROFILE +
            'resource "aws_launch_configuration" "lc" {\n  image_id             = "ami-1"\n  iam_instance_profile = aws_iam_instance_profile.web.name\n}\n',
          expect: [
            { line: 4, messageId: 'privilegeEscalation' },
            { line: 4, messageId: 'lateralMovement' },
            { line: 4, messageId: 'dataAccess' },
          ],
        },
        {
          files:
            ROLE(
              '  inline_policy {\n    name   = "ops"\n    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "ssm:SendCommand", Resource = "*", Condition = { StringEquals = { "ssm:resourceTag/team" = "web" } } }] })\n  }\n',
            ) +
            PROFILE +
            INSTANCE,
          expect: [{ line: 6, messageId: 'lateralMovement' }],
        },
      ],
      good: [
        {
          files:
            ROLE(
              '  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]\n  inline_policy {\n    name   = "app"\n    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::receipts/*" }] })\n  }\n',
            ) +
            PROFILE +
            INSTANCE,
          expect: [],
          why: 'the SSM agent policy and object access to one bucket',
        },
        {
          files: ROLE('  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]\n'),
          expect: [],
          why: 'a role no instance, launch template or node group in the code uses (other guardrails judge it)',
        },
        {
          files:
            ROLE(
              '  inline_policy {\n    name   = "eic"\n    policy = jsonencode({ Statement = [\n      { Effect = "Allow", Action = "ec2-instance-connect:*", Resource = "*" },\n      { Effect = "Deny", Action = "ec2-instance-connect:Send*", Resource = "*" },\n    ] })\n  }\n',
            ) +
            PROFILE +
            INSTANCE,
          expect: [],
          why: 'an unconditional Deny on `*` removes the lateral-movement actions',
        },
        {
          files: ROLE('  inline_policy {\n    name   = "app"\n    policy = var.policy\n  }\n') + PROFILE + INSTANCE + 'variable "policy" {}\n',
          expect: [],
          undecided: true,
          why: 'a policy from a variable without a value: unknown, never a failure',
        },
        {
          files:
            ROLE('  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonS3FullAccess"]\n') +
            'variable "profile" {}\nresource "aws_instance" "web" {\n  ami                  = "ami-1"\n  iam_instance_profile = var.profile\n}\n',
          expect: [],
          undecided: true,
          why: 'an instance whose profile is a variable may run with this broad role',
        },
        {
          files: ROLE('  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonMQFullAccess"]\n') + PROFILE + INSTANCE,
          expect: [],
          undecided: true,
          why: 'an AWS managed policy outside the classification table is undecided',
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          files: "Resources:\n  WebRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: ec2.amazonaws.com }\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: all\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: '*'\n                Resource: '*'\n  WebProfile:\n    Type: AWS::IAM::InstanceProfile\n    Properties:\n      Roles: [!Ref WebRole]\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-1\n      IamInstanceProfile: !Ref WebProfile\n",
          expect: [{ line: 14, messageId: 'admin' }],
        },
        {
          files: "Resources:\n  NodeRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: ec2.amazonaws.com }\n            Action: sts:AssumeRole\n      ManagedPolicyArns:\n        - !Sub 'arn:${AWS::Partition}:iam::aws:policy/AmazonEKSWorkerNodePolicy'\n        - arn:aws:iam::aws:policy/AdministratorAccess\n  Nodes:\n    Type: AWS::EKS::Nodegroup\n    Properties:\n      ClusterName: prod\n      NodeRole: !GetAtt NodeRole.Arn\n      Subnets: [subnet-1]\n",
          expect: [{ line: 12, messageId: 'admin' }],
        },
        {
          files: "Resources:\n  AppRole:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: app\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: ec2.amazonaws.com }\n            Action: sts:AssumeRole\n  Deploy:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      Roles: [app]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: [iam:PassRole, ec2:RunInstances]\n            Resource: '*'\n          - Effect: Allow\n            Action: ssm:Start*\n            Resource: arn:aws:ec2:*:*:instance/*\n  AppProfile:\n    Type: AWS::IAM::InstanceProfile\n    Properties:\n      Roles: [!Ref AppRole]\n  AppTemplate:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        IamInstanceProfile:\n          Arn: !GetAtt AppProfile.Arn\n",
          expect: [{ line: 17, messageId: 'privilegeEscalation' }, { line: 20, messageId: 'lateralMovement' }],
        },
        {
          files: "Resources:\n  WebRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: ec2.amazonaws.com }\n            Action: sts:AssumeRole\n      ManagedPolicyArns: [!Ref ReadAll]\n  ReadAll:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: s3:Get*\n            Resource: '*'\n  WebProfile:\n    Type: AWS::IAM::InstanceProfile\n    Properties:\n      Roles: [!Ref WebRole]\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-1\n      IamInstanceProfile: !Ref WebProfile\n",
          expect: [{ line: 16, messageId: 'dataAccess' }],
        },
        {
          files: 'Resources:\n  WebRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: ec2.amazonaws.com }\n            Action: sts:AssumeRole\n      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore\n        - arn:aws:iam::aws:policy/PowerUserAccess\n  WebProfile:\n    Type: AWS::IAM::InstanceProfile\n    Properties:\n      InstanceProfileName: web\n      Roles: [!Ref WebRole]\n  Config:\n    Type: AWS::AutoScaling::LaunchConfiguration\n    Properties:\n      ImageId: ami-1\n      InstanceType: t3.micro\n      IamInstanceProfile: web\n',
          expect: [{ line: 12, messageId: 'privilegeEscalation' }, { line: 12, messageId: 'lateralMovement' }, { line: 12, messageId: 'dataAccess' }],
        },
        {
          files: "Resources:\n  WebRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: ec2.amazonaws.com }\n            Action: sts:AssumeRole\n  Ops:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: ops\n      Roles: [!Ref WebRole]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: ssm:SendCommand\n            Resource: '*'\n            Condition: { StringEquals: { 'ssm:resourceTag/team': web } }\n  WebProfile:\n    Type: AWS::IAM::InstanceProfile\n    Properties:\n      Roles: [!Ref WebRole]\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-1\n      IamInstanceProfile: !Ref WebProfile\n",
          expect: [{ line: 17, messageId: 'lateralMovement' }],
        },
      ],
      good: [
        {
          files: "Resources:\n  WebRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: ec2.amazonaws.com }\n            Action: sts:AssumeRole\n      ManagedPolicyArns:\n        - !Sub 'arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore'\n      Policies:\n        - PolicyName: app\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: [s3:GetObject, s3:PutObject]\n                Resource: arn:aws:s3:::receipts/*\n  WebProfile:\n    Type: AWS::IAM::InstanceProfile\n    Properties:\n      Roles: [!Ref WebRole]\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-1\n      IamInstanceProfile: !Ref WebProfile\n",
          expect: [],
          why: 'the SSM agent policy (in any partition) and object access to one bucket',
        },
        {
          files: 'Resources:\n  WebRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: ec2.amazonaws.com }\n            Action: sts:AssumeRole\n      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]\n',
          expect: [],
          why: 'a role no instance, launch template or node group in the template uses (other guardrails judge it)',
        },
        {
          files: "Resources:\n  WebRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: ec2.amazonaws.com }\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: eic\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: ec2-instance-connect:*\n                Resource: '*'\n              - Effect: Deny\n                Action: ec2-instance-connect:Send*\n                Resource: '*'\n  WebProfile:\n    Type: AWS::IAM::InstanceProfile\n    Properties:\n      Roles: [!Ref WebRole]\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-1\n      IamInstanceProfile: !Ref WebProfile\n",
          expect: [],
          why: 'an unconditional Deny on `*` removes the lateral-movement actions',
        },
        {
          files: 'Resources:\n  WebRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: ec2.amazonaws.com }\n            Action: sts:AssumeRole\n      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-1\n      IamInstanceProfile: shared-profile\n',
          expect: [],
          why: "an instance whose profile another stack defines runs with that profile's role, not this one",
        },
        {
          files: 'Parameters:\n  Policy: { Type: String }\nResources:\n  WebRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: ec2.amazonaws.com }\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: app\n          PolicyDocument: !Ref Policy\n  WebProfile:\n    Type: AWS::IAM::InstanceProfile\n    Properties:\n      Roles: [!Ref WebRole]\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-1\n      IamInstanceProfile: !Ref WebProfile\n',
          expect: [],
          undecided: true,
          why: 'a policy from a parameter without a default: unknown, never a failure',
        },
      ],
    },
  },
  check(role, ctx) {
    const { workloads, undecided: unknownWorkloads } = workloadsOfRole(role, ctx.model);
    if (!workloads.length && !unknownWorkloads.length) return;
    const { findings, undecided } = rolePrivileges(role, ctx.model);
    if (!workloads.length) {
      // Only a role that would matter makes an unresolved workload undecided.
      if (findings.length || undecided.length) for (const u of unknownWorkloads) ctx.undecided(`${u.reason}; it may be ${role.name}, which is broad or unreadable`, u.at);
      return;
    }
    for (const u of [...undecided, ...unknownWorkloads]) ctx.undecided(u.reason, u.at);
    const names = describeWorkloads(workloads);
    for (const f of findings) {
      const { messageId, severity } = BY_CATEGORY[f.category];
      ctx.report({
        messageId,
        at: f.at,
        severity,
        confidence: f.caveats.length ? 'medium' : 'high',
        data: { name: role.name, workloads: names, what: f.what, caveat: caveatText(f.caveats) },
      });
    }
  },
});
