import type { Attr, Link, Site } from '../model/attr';
import type { PolicyDocument } from '../model/policy-document';
import type { Ec2Instance, EksNodeGroup, IamManagedPolicy, IamPolicyAttachment, IamRole, IamRolePolicy, InstanceProfile, LaunchTemplate, Resource } from '../model/resources';
import { ResourceModel } from '../model/resources';
import { policiesOfRole, roleOfWorkload, workloadsOfRole } from './workload-roles';

const at = (line: number): Site => ({ location: { path: 'main.tf', startLine: line, startColumn: 1, endLine: line, endColumn: 1 } });
const set = <T>(value: T, line = 1): Attr<T> => ({ state: 'set', value, at: at(line) });
const base = (type: string, name: string, line = 1) => ({ address: `${type}.${name}`, type, origin: 'terraform' as const, site: at(line), name: `${type}.${name}` });
const link = (target: string, line = 1): Link => ({ target, at: at(line) });
const unresolved = (why: string, line = 1): Link => ({ unresolved: why, at: at(line) });
const doc = (line: number): PolicyDocument => ({
  statements: [{ effect: 'Allow', actions: ['s3:GetObject'], notActions: [], resources: ['*'], notResources: [], conditions: {}, partial: false, at: at(line) }],
  at: at(line),
});

const role = (name: string, extra: Partial<IamRole> = {}): IamRole => ({
  ...base('aws_iam_role', name),
  kind: 'iam-role',
  roleName: set(name),
  trustPolicy: { state: 'absent', at: at(1) },
  inlinePolicies: [],
  managedPolicyArns: [],
  ...extra,
});
const profile = (name: string, roleLink?: Link): InstanceProfile => ({ ...base('aws_iam_instance_profile', name), kind: 'instance-profile', profileName: set(name), role: roleLink });
const imds = { httpTokens: { state: 'absent' as const, at: at(1) }, httpEndpoint: { state: 'absent' as const, at: at(1) } };
const instance = (name: string, profileLink?: Link): Ec2Instance => ({ ...base('aws_instance', name), kind: 'ec2-instance', ...imds, ami: set('ami-1'), instanceProfile: profileLink });
const template = (name: string, profileLink?: Link): LaunchTemplate => ({ ...base('aws_launch_template', name), kind: 'launch-template', ...imds, ami: set('ami-1'), instanceProfile: profileLink });
const nodeGroup = (name: string, roleLink?: Link): EksNodeGroup => ({ ...base('aws_eks_node_group', name), kind: 'eks-node-group', nodeRole: roleLink });
const model = (...resources: Resource[]) => new ResourceModel(resources);

describe('roleOfWorkload and workloadsOfRole', () => {
  const web = role('web');

  it('follows instance → instance profile → role', () => {
    const p = profile('web', link('aws_iam_role.web'));
    const vm = instance('vm', link('aws_iam_instance_profile.web'));
    const m = model(web, p, vm);
    expect(roleOfWorkload(vm, m)).toEqual({ role: web, via: p });
    expect(workloadsOfRole(web, m)).toEqual({ workloads: [{ workload: vm, via: p }], undecided: [] });
  });

  it('follows launch templates, and links by name or ARN', () => {
    const p = profile('web-profile', link('name:web'));
    const lt = template('app', link('name:arn:aws:iam::111122223333:instance-profile/web-profile'));
    expect(workloadsOfRole(web, model(web, p, lt)).workloads.map((w) => w.workload)).toEqual([lt]);
  });

  it('follows node groups to their node role', () => {
    const ng = nodeGroup('ng', link('aws_iam_role.web'));
    const other = nodeGroup('other', link('name:arn:aws:iam::111122223333:role/elsewhere'));
    expect(workloadsOfRole(web, model(web, ng, other))).toEqual({ workloads: [{ workload: ng }], undecided: [] });
  });

  it('makes an unresolved profile or role link undecided', () => {
    const vm = instance('vm', unresolved('var.profile has no value', 4));
    const p = profile('p', unresolved('computed from module.x.role', 7));
    const lt = template('lt', link('aws_iam_instance_profile.p'));
    expect(workloadsOfRole(web, model(web, vm, p, lt))).toEqual({
      workloads: [],
      undecided: [
        { reason: 'the instance profile of aws_instance.vm cannot be resolved (var.profile has no value)', at: at(4) },
        { reason: 'the role of aws_iam_instance_profile.p (used by aws_launch_template.lt) cannot be resolved (computed from module.x.role)', at: at(7) },
      ],
    });
  });

  it('leaves workloads whose profile is defined outside the code to other roles', () => {
    const vm = instance('vm', link('data.aws_iam_instance_profile.shared'));
    expect(workloadsOfRole(web, model(web, vm))).toEqual({ workloads: [], undecided: [] });
  });

  it('ignores instances without a profile', () => {
    expect(roleOfWorkload(instance('vm'), model(web))).toEqual({});
  });
});

describe('policiesOfRole', () => {
  it('collects inline, managed_policy_arns, role policies and attachments', () => {
    const r = role('web', {
      inlinePolicies: [set(doc(3), 3)],
      managedPolicyArns: [set('arn:aws:iam::aws:policy/ReadOnlyAccess', 5), { state: 'unknown', at: at(5), reason: 'computed from aws_iam_policy.extra.arn' }],
    });
    const extra: IamManagedPolicy = { ...base('aws_iam_policy', 'extra'), kind: 'iam-managed-policy', policy: set(doc(20), 20) };
    const rp: IamRolePolicy = { ...base('aws_iam_role_policy', 'rp'), kind: 'iam-role-policy', roles: [link('aws_iam_role.web')], policy: set(doc(30), 30) };
    const cm: IamManagedPolicy = { ...base('aws_iam_policy', 'cm'), kind: 'iam-managed-policy', policy: set(doc(40), 40) };
    const attach: IamPolicyAttachment = {
      ...base('aws_iam_role_policy_attachment', 'cm'),
      kind: 'iam-policy-attachment',
      roles: [link('name:web')],
      policyArn: { state: 'unknown', at: at(50), reason: 'computed from aws_iam_policy.cm.arn' },
      policy: link('aws_iam_policy.cm'),
    };
    const admin: IamPolicyAttachment = {
      ...base('aws_iam_role_policy_attachment', 'admin'),
      kind: 'iam-policy-attachment',
      roles: [link('aws_iam_role.web')],
      policyArn: set('arn:aws:iam::aws:policy/AdministratorAccess', 60),
      policy: link('name:arn:aws:iam::aws:policy/AdministratorAccess'),
    };
    const { policies, undecided } = policiesOfRole(r, model(r, extra, rp, cm, attach, admin));
    expect(undecided).toEqual([]);
    const line = (site: Site) => ('location' in site ? site.location.startLine : 0);
    expect(policies.map((p) => (p.kind === 'document' ? `${p.label}@${line(p.document.at)}` : `${p.name}@${line(p.at)}`))).toEqual([
      'the inline policy of aws_iam_role.web@3',
      'ReadOnlyAccess@5',
      'aws_iam_policy.extra@20',
      'aws_iam_role_policy.rp@30',
      'aws_iam_policy.cm@40',
      'AdministratorAccess@60',
    ]);
  });

  it('ignores policies attached to other roles', () => {
    const r = role('web');
    const rp: IamRolePolicy = { ...base('aws_iam_role_policy', 'rp'), kind: 'iam-role-policy', roles: [link('aws_iam_role.other')], policy: set(doc(30), 30) };
    expect(policiesOfRole(r, model(r, rp))).toEqual({ policies: [], undecided: [] });
  });

  it('makes what it cannot read undecided', () => {
    const r = role('web', {
      inlinePolicies: [{ state: 'unknown', at: at(3), reason: 'var.policy has no value' }],
      managedPolicyArns: [set('arn:aws:iam::111122223333:policy/shared', 5)],
    });
    const attach: IamPolicyAttachment = {
      ...base('aws_iam_role_policy_attachment', 'x'),
      kind: 'iam-policy-attachment',
      roles: [unresolved('var.role has no value', 9)],
      policyArn: set('arn:aws:iam::aws:policy/AdministratorAccess', 10),
    };
    expect(policiesOfRole(r, model(r, attach)).undecided).toEqual([
      { reason: 'the inline policy of aws_iam_role.web: var.policy has no value', at: at(3) },
      { reason: 'managed_policy_arns of aws_iam_role.web: the policy arn:aws:iam::111122223333:policy/shared is not defined in this code', at: at(5) },
      { reason: 'aws_iam_role_policy_attachment.x applies to a role that cannot be resolved (var.role has no value)', at: at(9) },
    ]);
  });
});
