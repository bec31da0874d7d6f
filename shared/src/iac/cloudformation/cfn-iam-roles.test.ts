import type { Site } from '../model/attr';
import type { PolicyDocument } from '../model/policy-document';
import type { Resource, ResourceKind, ResourceOfKind } from '../model/resources';
import { ResourceModel } from '../model/resources';
import { policiesOfRole, workloadsOfRole } from '../iam/workload-roles';
import { adaptTemplate } from './cfn-adapter';
import { parseTemplate } from './cfn-template';

const PATH = 'stack/iam.yaml';

function adapt(lines: readonly string[]): Resource[] {
  const parsed = parseTemplate(PATH, lines.join('\n'));
  if (!parsed) throw new Error('not a template');
  expect(parsed.errors).toEqual([]);
  return adaptTemplate(PATH, parsed.template);
}

function find<K extends ResourceKind>(resources: readonly Resource[], address: string, kind: K): ResourceOfKind<K> {
  const resource = resources.find((r) => r.address === address);
  if (resource?.kind !== kind) throw new Error(`${address} is not a ${kind}`);
  return resource as ResourceOfKind<K>;
}

/** The site of `text` on a 1-based line of the fixture, as the adapter must report it. */
function token(lines: readonly string[], line: number, text: string): Site {
  const column = lines[line - 1]!.indexOf(text);
  if (column < 0) throw new Error(`no ${text} on line ${line}`);
  return { location: { path: PATH, startLine: line, startColumn: column + 1, endLine: line, endColumn: column + 1 + text.length } };
}

/** A site from line and column to line and column (end exclusive). */
function span(startLine: number, startColumn: number, endLine: number, endColumn: number): Site {
  return { location: { path: PATH, startLine, startColumn, endLine, endColumn } };
}

/** A document's statements as `effect actions` at their first line, for short expectations. */
function shape(document: PolicyDocument): string[] {
  return document.statements.map((s) => `${s.effect} ${s.actions.join(',')} @${'location' in s.at ? s.at.location.startLine : '?'}`);
}

const IAM = [
  'Parameters:', // 1
  "  Arns: { Type: CommaDelimitedList, Default: 'arn:aws:iam::aws:policy/ReadOnlyAccess, arn:aws:iam::aws:policy/SecurityAudit' }", // 2
  '  Free: { Type: String }', // 3
  'Conditions:', // 4
  '  Maybe: !Equals [!Ref Free, x]', // 5
  'Resources:', // 6
  '  WebRole:', // 7
  '    Type: AWS::IAM::Role', // 8
  '    Properties:', // 9
  '      RoleName: web', // 10
  '      AssumeRolePolicyDocument:', // 11
  '        Statement:', // 12
  '          - Effect: Allow', // 13
  '            Principal: { Service: ec2.amazonaws.com }', // 14
  '            Action: sts:AssumeRole', // 15
  '      Policies:', // 16
  '        - PolicyName: app', // 17
  '          PolicyDocument:', // 18
  '            Statement:', // 19
  '              - Effect: Allow', // 20
  '                Action: s3:GetObject', // 21
  '                Resource: arn:aws:s3:::receipts/*', // 22
  '        - PolicyName: maybe', // 23
  "          PolicyDocument: !If [Maybe, { Statement: [] }, { Statement: [{ Effect: Deny, Action: '*', Resource: '*' }] }]", // 24
  '        - PolicyName: empty', // 25
  '      ManagedPolicyArns:', // 26
  '        - arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore', // 27
  "        - !Sub 'arn:${AWS::Partition}:iam::aws:policy/CloudWatchAgentServerPolicy'", // 28
  '        - !Ref AppPolicy', // 29
  '        - !GetAtt Custom.PolicyArn', // 30
  '        - !Ref Free', // 31
  '  Bare:', // 32
  '    Type: AWS::IAM::Role', // 33
  '  FromParameter:', // 34
  '    Type: AWS::IAM::Role', // 35
  '    Properties:', // 36
  '      RoleName: !Ref Free', // 37
  '      AssumeRolePolicyDocument: !Ref Free', // 38
  '      Policies: !If [Maybe, [], [{ PolicyName: x, PolicyDocument: {} }]]', // 39
  '      ManagedPolicyArns: !Ref Arns', // 40
  '  AppPolicy:', // 41
  '    Type: AWS::IAM::ManagedPolicy', // 42
  '    Properties:', // 43
  '      ManagedPolicyName: app', // 44
  '      Roles: [!Ref WebRole, ci-deployer, !Ref Free]', // 45
  '      PolicyDocument:', // 46
  '        Statement:', // 47
  '          - Effect: Allow', // 48
  '            Action: sqs:SendMessage', // 49
  "            Resource: '*'", // 50
  '  Detached:', // 51
  '    Type: AWS::IAM::ManagedPolicy', // 52
  '  Custom:', // 53
  '    Type: Custom::PolicyMaker', // 54
  '  Inline:', // 55
  '    Type: AWS::IAM::Policy', // 56
  '    Properties:', // 57
  '      PolicyName: inline', // 58
  '      Roles: [web, arn:aws:iam::111122223333:role/elsewhere]', // 59
  `      PolicyDocument: '{"Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]}'`, // 60
  '  UsersOnly:', // 61
  '    Type: AWS::IAM::Policy', // 62
  '    Properties:', // 63
  '      PolicyName: users', // 64
  '      Users: [alice]', // 65
  '      PolicyDocument: { Statement: [] }', // 66
  '  MaybePolicy:', // 67
  '    Type: AWS::IAM::Policy', // 68
  '    Properties:', // 69
  '      PolicyName: maybe', // 70
  '      Roles: !If [Maybe, [web], [other]]', // 71
  '      PolicyDocument: !Ref Free', // 72
  '  Profile:', // 73
  '    Type: AWS::IAM::InstanceProfile', // 74
  '    Properties:', // 75
  '      InstanceProfileName: web-profile', // 76
  '      Roles: [!Ref WebRole]', // 77
  '  UnnamedProfile:', // 78
  '    Type: AWS::IAM::InstanceProfile', // 79
  '    Properties:', // 80
  "      InstanceProfileName: !Sub '${AWS::StackName}-profile'", // 81
  '      Roles: !Ref Free', // 82
  '  EmptyProfile:', // 83
  '    Type: AWS::IAM::InstanceProfile', // 84
  '',
];

describe('adaptTemplate: AWS::IAM::Role', () => {
  const resources = adapt(IAM);

  it('reads the name, the trust policy and the inline policies at their values', () => {
    const role = find(resources, 'WebRole', 'iam-role');
    expect(role).toMatchObject({ address: 'WebRole', name: 'WebRole', type: 'AWS::IAM::Role', origin: 'cloudformation', site: span(7, 3, 31, 20) });
    expect(role.roleName).toEqual({ state: 'set', value: 'web', at: token(IAM, 10, 'web') });
    expect(role.trustPolicy).toMatchObject({ state: 'set', at: span(12, 9, 15, 35) });
    expect(role.trustPolicy.state === 'set' && role.trustPolicy.value.statements).toEqual([
      {
        effect: 'Allow',
        principals: { Service: ['ec2.amazonaws.com'] },
        actions: ['sts:AssumeRole'],
        notActions: [],
        resources: [],
        notResources: [],
        conditions: {},
        partial: false,
        at: span(13, 13, 15, 35),
      },
    ]);
    // One document per policy; an undecidable one is unknown; a policy without a document is left out.
    expect(role.inlinePolicies).toHaveLength(2);
    const [app, maybe] = role.inlinePolicies;
    expect(app).toMatchObject({ state: 'set', at: span(19, 13, 22, 50) });
    expect(app?.state === 'set' && shape(app.value)).toEqual(['Allow s3:GetObject @20']);
    expect(maybe).toEqual({
      state: 'unknown',
      at: token(IAM, 24, "!If [Maybe, { Statement: [] }, { Statement: [{ Effect: Deny, Action: '*', Resource: '*' }] }]"),
      reason: 'Fn::If on condition Maybe is undecidable (parameter Free has no Default)',
    });
  });

  it('reads each ManagedPolicyArns member as its own attribute', () => {
    const role = find(resources, 'WebRole', 'iam-role');
    expect(role.managedPolicyArns).toEqual([
      { state: 'set', value: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore', at: token(IAM, 27, 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore') },
      // An AWS managed policy in the stack's partition is that policy, whatever the partition.
      {
        state: 'set',
        value: 'arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy',
        at: token(IAM, 28, "!Sub 'arn:${AWS::Partition}:iam::aws:policy/CloudWatchAgentServerPolicy'"),
      },
      { state: 'unknown', at: token(IAM, 30, '!GetAtt Custom.PolicyArn'), reason: 'Fn::GetAtt Custom.PolicyArn is known only at deploy time' },
      { state: 'unknown', at: token(IAM, 31, '!Ref Free'), reason: 'parameter Free has no Default' },
    ]);
  });

  it('attaches a managed policy of the template that ManagedPolicyArns refers to', () => {
    const at = token(IAM, 29, '!Ref AppPolicy');
    expect(find(resources, 'WebRole.ManagedPolicyArns.2', 'iam-policy-attachment')).toEqual({
      address: 'WebRole.ManagedPolicyArns.2',
      type: 'AWS::IAM::Role',
      origin: 'cloudformation',
      site: span(7, 3, 31, 20),
      name: 'WebRole',
      kind: 'iam-policy-attachment',
      roles: [{ target: 'WebRole', at }],
      policyArn: { state: 'unknown', at, reason: 'Ref to resource AppPolicy is known only at deploy time' },
      policy: { target: 'AppPolicy', at },
    });
  });

  it('leaves what is not written absent at the resource', () => {
    const bare = find(resources, 'Bare', 'iam-role');
    const at = span(32, 3, 33, 25);
    expect(bare).toMatchObject({ site: at, roleName: { state: 'absent', at }, trustPolicy: { state: 'absent', at }, inlinePolicies: [], managedPolicyArns: [] });
  });

  it('makes values from parameters unknown, and takes list parameters from their defaults', () => {
    const role = find(resources, 'FromParameter', 'iam-role');
    const free = { state: 'unknown', reason: 'parameter Free has no Default' };
    expect(role.roleName).toEqual({ ...free, at: token(IAM, 37, '!Ref Free') });
    expect(role.trustPolicy).toEqual({ ...free, at: token(IAM, 38, '!Ref Free') });
    expect(role.inlinePolicies).toEqual([
      {
        state: 'unknown',
        at: token(IAM, 39, '!If [Maybe, [], [{ PolicyName: x, PolicyDocument: {} }]]'),
        reason: 'Fn::If on condition Maybe is undecidable (parameter Free has no Default)',
      },
    ]);
    const at = token(IAM, 40, '!Ref Arns');
    expect(role.managedPolicyArns).toEqual([
      { state: 'set', value: 'arn:aws:iam::aws:policy/ReadOnlyAccess', at },
      { state: 'set', value: 'arn:aws:iam::aws:policy/SecurityAudit', at },
    ]);
  });
});

describe('adaptTemplate: AWS::IAM::ManagedPolicy', () => {
  const resources = adapt(IAM);

  it('reads the document, and models Roles as an attachment linked to the policy', () => {
    const policy = find(resources, 'AppPolicy', 'iam-managed-policy');
    expect(policy.site).toEqual(span(41, 3, 50, 26));
    expect(policy.policy).toMatchObject({ state: 'set', at: span(47, 9, 50, 26) });
    expect(policy.policy.state === 'set' && shape(policy.policy.value)).toEqual(['Allow sqs:SendMessage @48']);
    expect(find(resources, 'AppPolicy.Roles', 'iam-policy-attachment')).toEqual({
      address: 'AppPolicy.Roles',
      type: 'AWS::IAM::ManagedPolicy',
      origin: 'cloudformation',
      site: policy.site,
      name: 'AppPolicy',
      kind: 'iam-policy-attachment',
      roles: [
        { target: 'WebRole', at: token(IAM, 45, '!Ref WebRole') },
        // A name no role of the template declares: a role outside it.
        { target: 'name:ci-deployer', at: token(IAM, 45, 'ci-deployer') },
        { unresolved: 'parameter Free has no Default', at: token(IAM, 45, '!Ref Free') },
      ],
      policyArn: { state: 'unknown', at: policy.site, reason: 'the ARN of managed policy AppPolicy is known only at deploy time' },
      policy: { target: 'AppPolicy', at: token(IAM, 45, '[!Ref WebRole, ci-deployer, !Ref Free]') },
    });
  });

  it('leaves a policy without a document absent, and without Roles unattached', () => {
    const detached = find(resources, 'Detached', 'iam-managed-policy');
    expect(detached.policy).toEqual({ state: 'absent', at: span(51, 3, 52, 34) });
    expect(resources.some((r) => r.address.startsWith('Detached.'))).toBe(false);
  });
});

describe('adaptTemplate: AWS::IAM::Policy', () => {
  const resources = adapt(IAM);

  it('links Roles by name and ARN, and reads a document written as a JSON string', () => {
    const policy = find(resources, 'Inline', 'iam-role-policy');
    expect(policy.roles).toEqual([
      { target: 'WebRole', at: token(IAM, 59, 'web') },
      { target: 'name:arn:aws:iam::111122223333:role/elsewhere', at: token(IAM, 59, 'arn:aws:iam::111122223333:role/elsewhere') },
    ]);
    const at = token(IAM, 60, `'{"Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]}'`);
    expect(policy.policy).toMatchObject({ state: 'set', at });
    expect(policy.policy.state === 'set' && shape(policy.policy.value)).toEqual(['Allow sqs:* @60']);
  });

  it('leaves out a policy of users or groups only', () => {
    expect(resources.find((r) => r.address === 'UsersOnly')).toBeUndefined();
  });

  it('makes undecidable Roles one unresolved link, and a document from a parameter unknown', () => {
    const policy = find(resources, 'MaybePolicy', 'iam-role-policy');
    expect(policy.roles).toEqual([
      { unresolved: 'Fn::If on condition Maybe is undecidable (parameter Free has no Default)', at: token(IAM, 71, '!If [Maybe, [web], [other]]') },
    ]);
    expect(policy.policy).toEqual({ state: 'unknown', at: token(IAM, 72, '!Ref Free'), reason: 'parameter Free has no Default' });
  });
});

describe('adaptTemplate: AWS::IAM::RolePolicy', () => {
  const lines = [
    'Resources:', // 1
    '  Role:', // 2
    '    Type: AWS::IAM::Role', // 3
    '    Properties:', // 4
    '      RoleName: app', // 5
    '  ByRef:', // 6
    '    Type: AWS::IAM::RolePolicy', // 7
    '    Properties:', // 8
    '      PolicyName: logs', // 9
    '      RoleName: !Ref Role', // 10
    "      PolicyDocument: { Statement: [{ Effect: Allow, Action: logs:PutLogEvents, Resource: '*' }] }", // 11
    '  ByName:', // 12
    '    Type: AWS::IAM::RolePolicy', // 13
    '    Properties:', // 14
    '      PolicyName: empty', // 15
    '      RoleName: app', // 16
    '',
  ];
  const resources = adapt(lines);

  it('links the one role by reference or by name, and reads the document', () => {
    const byRef = find(resources, 'ByRef', 'iam-role-policy');
    expect(byRef.roles).toEqual([{ target: 'Role', at: token(lines, 10, '!Ref Role') }]);
    expect(byRef.policy).toMatchObject({ state: 'set', at: token(lines, 11, "{ Statement: [{ Effect: Allow, Action: logs:PutLogEvents, Resource: '*' }] }") });
    const byName = find(resources, 'ByName', 'iam-role-policy');
    expect(byName.roles).toEqual([{ target: 'Role', at: token(lines, 16, 'app') }]);
    expect(byName.policy).toEqual({ state: 'absent', at: span(12, 3, 16, 20) });
  });
});

describe('adaptTemplate: AWS::IAM::InstanceProfile', () => {
  const resources = adapt(IAM);

  it('reads the name and links the role', () => {
    const profile = find(resources, 'Profile', 'instance-profile');
    expect(profile.profileName).toEqual({ state: 'set', value: 'web-profile', at: token(IAM, 76, 'web-profile') });
    expect(profile.role).toEqual({ target: 'WebRole', at: token(IAM, 77, '!Ref WebRole') });
  });

  it('is unknown or absent without a literal name, unresolved with a role from a parameter, unlinked without Roles', () => {
    const unnamed = find(resources, 'UnnamedProfile', 'instance-profile');
    expect(unnamed.profileName).toEqual({
      state: 'unknown',
      at: token(IAM, 81, "!Sub '${AWS::StackName}-profile'"),
      reason: 'pseudo parameter AWS::StackName is known only at deploy time',
    });
    expect(unnamed.role).toEqual({ unresolved: 'parameter Free has no Default', at: token(IAM, 82, '!Ref Free') });
    const empty = find(resources, 'EmptyProfile', 'instance-profile');
    expect(empty.profileName).toEqual({ state: 'absent', at: span(83, 3, 84, 36) });
    expect(empty.role).toBeUndefined();
  });

  it('has no documented defaults to apply: every attribute is set, absent or unknown', () => {
    const states = resources.flatMap((r) => Object.values(r).flat().filter((v): v is { state: string } => typeof v === 'object' && v !== null && 'state' in v));
    expect(states.filter((s) => s.state === 'default')).toEqual([]);
  });
});

const GRAPH = [
  'Resources:', // 1
  '  WebRole:', // 2
  '    Type: AWS::IAM::Role', // 3
  '    Properties:', // 4
  '      RoleName: web', // 5
  '      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }] }', // 6
  '      ManagedPolicyArns: [!Ref AppPolicy, arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore]', // 7
  '  AppPolicy:', // 8
  '    Type: AWS::IAM::ManagedPolicy', // 9
  '    Properties:', // 10
  "      PolicyDocument: { Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: '*' }] }", // 11
  '  SharedPolicy:', // 12
  '    Type: AWS::IAM::ManagedPolicy', // 13
  '    Properties:', // 14
  '      Roles: [web]', // 15
  "      PolicyDocument: { Statement: [{ Effect: Allow, Action: sqs:SendMessage, Resource: '*' }] }", // 16
  '  RolePolicy:', // 17
  '    Type: AWS::IAM::Policy', // 18
  '    Properties:', // 19
  '      PolicyName: logs', // 20
  '      Roles: [!Ref WebRole]', // 21
  "      PolicyDocument: { Statement: [{ Effect: Allow, Action: logs:PutLogEvents, Resource: '*' }] }", // 22
  '  Profile:', // 23
  '    Type: AWS::IAM::InstanceProfile', // 24
  '    Properties:', // 25
  '      Roles: [!Ref WebRole]', // 26
  '  Web:', // 27
  '    Type: AWS::EC2::Instance', // 28
  '    Properties:', // 29
  '      ImageId: ami-1', // 30
  '      IamInstanceProfile: !Ref Profile', // 31
  '  Nodes:', // 32
  '    Type: AWS::EKS::Nodegroup', // 33
  '    Properties:', // 34
  '      NodeRole: !GetAtt WebRole.Arn', // 35
  '  Elsewhere:', // 36
  '    Type: AWS::EC2::Instance', // 37
  '    Properties:', // 38
  '      IamInstanceProfile: shared-profile', // 39
  '',
];

describe('the IAM model of a template, as iam/workload-roles.ts follows it', () => {
  const model = new ResourceModel(adapt(GRAPH));
  const role = find(model.resources, 'WebRole', 'iam-role');

  it('finds the workloads: an instance through its profile and a node group; a profile outside the template is not this role', () => {
    const { workloads, undecided } = workloadsOfRole(role, model);
    expect(workloads.map((w) => [w.workload.address, w.via?.address])).toEqual([
      ['Web', 'Profile'],
      ['Nodes', undefined],
    ]);
    expect(undecided).toEqual([]);
  });

  it('finds every policy: managed ARNs, a referenced managed policy, a policy that names the role, and Roles of a managed policy', () => {
    const { policies, undecided } = policiesOfRole(role, model);
    expect(undecided).toEqual([]);
    expect(policies.map((p) => (p.kind === 'document' ? `${p.label}: ${shape(p.document).join('; ')}` : `aws-managed ${p.name}`))).toEqual([
      'aws-managed AmazonSSMManagedInstanceCore',
      'RolePolicy: Allow logs:PutLogEvents @22',
      'AppPolicy: Allow s3:GetObject @11',
      'SharedPolicy: Allow sqs:SendMessage @16',
    ]);
  });
});
