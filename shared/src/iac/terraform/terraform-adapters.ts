import type { Node } from 'web-tree-sitter';
import type { Attr, Link } from '../model/attr';
import { unknown } from '../model/attr';
import type { PolicyDocument, PolicyStatement } from '../model/policy-document';
import { jsonStatementLines } from '../model/json-statement-lines';
import { valueOf } from '../model/attr';
import { JsonEncoded } from '../hcl/hcl-functions';
import { policyFromValue } from '../model/policy-from-value';
import type { MetadataOptions, PublicAccessBlockFlags, Resource } from '../model/resources';
import { isUnknown, Ref } from '../hcl/hcl-value';
import type { TerraformBlock } from './terraform-module';
import { BlockReader, withDefault } from './block-reader';
import { TERRAFORM_IAM_ADAPTERS } from './terraform-iam-adapters';

/** Finds another block of the same module instance by address (for data sources a resource reads). */
export type BlockLookup = (address: string) => TerraformBlock | undefined;

type Adapter = (b: TerraformBlock, r: BlockReader, lookup: BlockLookup) => Resource | undefined;

const base = (b: TerraformBlock, r: BlockReader) => ({
  address: b.address,
  type: b.type,
  origin: 'terraform' as const,
  site: { location: r.location },
  name: b.address.replace(/^.*?((?:data\.)?[a-z0-9_]+\.[^.]+)$/, '$1'),
});

// Provider defaults, from the provider docs; each default says whose it is.

function metadataOptions(r: BlockReader): MetadataOptions {
  return {
    // Absent http_tokens is context-dependent: the AMI's imds_support or the region default decide.
    httpTokens: r.string('metadata_options.http_tokens'),
    httpEndpoint: withDefault(r.string('metadata_options.http_endpoint'), 'enabled', 'the aws provider default is `"enabled"`'),
  };
}

function accessBlockFlags(r: BlockReader): PublicAccessBlockFlags {
  const flag = (name: string) => withDefault(r.bool(name), false, 'the aws provider default is `false`');
  return {
    blockPublicAcls: flag('block_public_acls'),
    blockPublicPolicy: flag('block_public_policy'),
    ignorePublicAcls: flag('ignore_public_acls'),
    restrictPublicBuckets: flag('restrict_public_buckets'),
  };
}

const optionalLink = (r: BlockReader, ...paths: string[]) => {
  for (const p of paths) {
    const link = r.link(p);
    if (link) return link;
  }
  return undefined;
};

/** A policy argument: JSON text (heredoc lines mapped), jsonencode() (known parts kept) or a policy document data source. */
function policyAttr(r: BlockReader, path: string, lookup: BlockLookup): Attr<PolicyDocument> {
  const raw = r.raw(path);
  if (!raw) return { state: 'absent', at: { location: r.location } };
  const at = { location: raw.location };
  const value = raw.value instanceof JsonEncoded ? raw.value.value : raw.value;
  if (value instanceof Ref && value.address.includes('data.aws_iam_policy_document.')) {
    const data = lookup(value.address);
    return data ? { state: 'set', value: policyFromDocumentData(new BlockReader(data.block, data.scope)), at } : unknown(at, value.reason);
  }
  if (isUnknown(value)) return unknown(at, value.reason);
  const doc = policyFromValue(value, at, isUnknown as (v: unknown) => boolean);
  if (!doc) return unknown(at, 'the policy is not valid JSON');
  // jsonencode({ Statement = [ {...}, ... ] }): point each statement at its own object literal.
  const encodedLines = jsonencodeStatementLines(raw.expr);
  if (encodedLines) {
    if (encodedLines.length === doc.statements.length) {
      doc.statements.forEach((s, i) => {
        s.at = { location: { ...raw.location, startLine: encodedLines[i]!, endLine: encodedLines[i]!, startColumn: 1, endColumn: 1 } };
      });
    }
  } else if (typeof value === 'string') {
    // Point each statement at its own line inside the heredoc or string.
    const lines = jsonStatementLines(value);
    if (lines && lines.length === doc.statements.length) {
      const first = raw.location.startLine + (raw.heredoc ? 1 : 0);
      doc.statements.forEach((s, i) => {
        const line = first + lines[i]! - 1;
        s.at = { location: { ...raw.location, startLine: line, endLine: line, startColumn: 1, endColumn: 1 } };
      });
    }
  }
  return { state: 'set', value: doc, at };
}

const namedOf = (n: Node): Node[] => n.namedChildren.filter((c): c is Node => c !== null);

/** The 1-based lines of the statement objects in `jsonencode({ Statement = [ {...} ] })`, read from the syntax. */
function jsonencodeStatementLines(expr: Node): number[] | undefined {
  const call = namedOf(expr)[0];
  if (call?.type !== 'function_call') return undefined;
  const args = namedOf(call).find((c) => c.type === 'function_arguments');
  const object = args && namedOf(namedOf(args)[0] ?? args)[0];
  const literal = object?.type === 'collection_value' ? namedOf(object)[0] : undefined;
  if (literal?.type !== 'object') return undefined;
  for (const elem of namedOf(literal).filter((c) => c.type === 'object_elem')) {
    const [key, value] = namedOf(elem).filter((c) => c.type === 'expression');
    const keyText = key?.text.replace(/^"|"$/g, '');
    if (keyText !== 'Statement' || !value) continue;
    const collection = namedOf(value)[0];
    const tuple = collection?.type === 'collection_value' ? namedOf(collection)[0] : undefined;
    if (tuple?.type === 'tuple') return namedOf(tuple).filter((c) => c.type === 'expression').map((c) => c.startPosition.row + 1);
    if (tuple?.type === 'object') return [value.startPosition.row + 1];
  }
  return undefined;
}

/** `data "aws_iam_policy_document"`: each statement block at its own location. */
function policyFromDocumentData(r: BlockReader): PolicyDocument {
  const statements = r.all('statement').map((s): PolicyStatement => {
    let partial = false;
    const list = (name: string): string[] => {
      const v = s.strings(name);
      if (v.state === 'unknown') partial = true;
      return v.state === 'set' ? v.value : [];
    };
    const principals = (name: string): Record<string, string[]> | undefined => {
      const blocks = s.all(name);
      if (!blocks.length) return undefined;
      const out: Record<string, string[]> = {};
      for (const p of blocks) {
        const type = valueOf(p.string('type'));
        const ids = p.strings('identifiers');
        if (!type || ids.state !== 'set') partial = true;
        else out[type] = [...(out[type] ?? []), ...ids.value];
      }
      return out;
    };
    const conditions: PolicyStatement['conditions'] = {};
    for (const c of s.all('condition')) {
      const test = valueOf(c.string('test'));
      const variable = valueOf(c.string('variable'));
      const values = c.strings('values');
      if (!test || !variable || values.state !== 'set') {
        partial = true;
        continue;
      }
      conditions[test] = { ...(conditions[test] ?? {}), [variable]: values.value };
    }
    const effect = valueOf(withDefault(s.string('effect'), 'Allow', 'the default effect is Allow'));
    const statement: PolicyStatement = {
      effect: effect === 'Allow' || effect === 'Deny' ? effect : 'unknown',
      actions: list('actions'),
      notActions: list('not_actions'),
      resources: list('resources'),
      notResources: list('not_resources'),
      conditions,
      partial,
      at: { location: s.location },
    };
    const p = principals('principals');
    if (p) statement.principals = p;
    const np = principals('not_principals');
    if (np) statement.notPrincipals = np;
    if (statement.effect === 'unknown') statement.partial = true;
    return statement;
  });
  const extra = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'].some((a) => r.raw(a));
  if (extra) statements.forEach((s) => (s.partial = true));
  return { statements, at: { location: r.location } };
}

/** Each element of a list attribute as its own Attr (for ARNs that may be partly unknown). */
function listOf(r: BlockReader, path: string): Attr<string>[] {
  const raw = r.raw(path);
  if (!raw) return [];
  const at = { location: raw.location };
  if (!Array.isArray(raw.value)) return [isUnknown(raw.value) ? unknown(at, raw.value.reason) : unknown(at, 'expected a list')];
  return raw.value.map((v) => (typeof v === 'string' ? { state: 'set' as const, value: v, at } : unknown<string>(at, isUnknown(v) ? v.reason : 'not a string')));
}

/** Links from a list of references (`roles = [aws_iam_role.a.name]`). */
function linksOf(r: BlockReader, path: string): Link[] {
  const raw = r.raw(path);
  if (!raw || !Array.isArray(raw.value)) return raw ? [{ unresolved: 'not a list of references', at: { location: raw.location } }] : [];
  return raw.value.map((v): Link => (v instanceof Ref ? { target: v.address, at: { location: raw.location } } : typeof v === 'string' ? { target: `name:${v}`, at: { location: raw.location } } : { unresolved: 'not a reference', at: { location: raw.location } }));
}

/** GCE instances (`service_account` block) and GKE node pools (`node_config.service_account`). */
function gcpWorkload(b: TerraformBlock, r: BlockReader, holder: readonly string[]): Resource {
  const isInstance = holder[0] === 'service_account';
  const sa = r.nested(holder);
  const email = isInstance ? r.string('service_account.email') : r.string('node_config.service_account');
  const scopes = isInstance ? r.strings('service_account.scopes') : r.strings('node_config.oauth_scopes');
  return {
    ...base(b, r),
    kind: 'gcp-workload',
    // Without an email the default compute service account is used (for an instance, only when the block exists).
    serviceAccount: withDefault(email, 'default compute service account', 'the google provider uses the default compute service account'),
    hasServiceAccount: isInstance ? 'block' in sa || 'dynamic' in sa : true,
    scopes,
  };
}

function owner(r: BlockReader, ...paths: string[]): Attr<string> {
  for (const p of paths) {
    const v = r.string(p);
    if (v.state !== 'absent') return v.state === 'unknown' ? { ...v, state: 'unknown' } : v;
  }
  return unknown({ location: r.location }, 'no owner attribute');
}

/** Terraform resource and data types mapped to the resource model, listed explicitly. */
export const TERRAFORM_ADAPTERS: Readonly<Record<string, Adapter>> = {
  aws_instance: (b, r) => ({
    ...base(b, r),
    kind: 'ec2-instance',
    ...metadataOptions(r),
    ami: r.string('ami'),
    amiLink: r.link('ami'),
    launchTemplate: optionalLink(r, 'launch_template.id', 'launch_template.name'),
    instanceProfile: r.link('iam_instance_profile'),
  }),
  aws_launch_template: (b, r) => ({
    ...base(b, r),
    kind: 'launch-template',
    ...metadataOptions(r),
    ami: r.string('image_id'),
    amiLink: r.link('image_id'),
    instanceProfile: optionalLink(r, 'iam_instance_profile.name', 'iam_instance_profile.arn'),
  }),
  aws_launch_configuration: (b, r) => ({
    ...base(b, r),
    kind: 'launch-configuration',
    ...metadataOptions(r),
    ami: r.string('image_id'),
    amiLink: r.link('image_id'),
    instanceProfile: r.link('iam_instance_profile'),
  }),
  aws_autoscaling_group: (b, r) => ({
    ...base(b, r),
    kind: 'autoscaling-group',
    launchTemplate: optionalLink(
      r,
      'launch_template.id',
      'launch_template.name',
      'mixed_instances_policy.launch_template.launch_template_specification.launch_template_id',
      'mixed_instances_policy.launch_template.launch_template_specification.launch_template_name',
    ),
    launchConfiguration: r.link('launch_configuration'),
  }),
  aws_ami: (b, r) => ({ ...base(b, r), kind: 'ami', imdsSupport: r.string('imds_support') }),
  aws_ec2_instance_metadata_defaults: (b, r) => ({
    ...base(b, r),
    kind: 'imds-defaults',
    httpTokens: withDefault(r.string('http_tokens'), 'no-preference', 'the aws provider default is `"no-preference"`'),
    httpEndpoint: withDefault(r.string('http_endpoint'), 'no-preference', 'the aws provider default is `"no-preference"`'),
  }),
  aws_s3_bucket: (b, r, lookup) => {
    const website = r.nested(['website']);
    const policy = policyAttr(r, 'policy', lookup);
    return {
      ...base(b, r),
      kind: 's3-bucket',
      bucketName: r.string('bucket'),
      acl: withDefault(r.string('acl'), 'private', 'the aws provider default is `"private"`'),
      website: 'block' in website ? { state: 'set', value: true, at: { location: website.block.location } } : { state: 'absent', at: { location: r.location } },
      ...(policy.state === 'absent' ? {} : { policy }),
    };
  },
  aws_s3_bucket_policy: (b, r, lookup) => ({
    ...base(b, r),
    kind: 's3-bucket-policy',
    bucket: r.link('bucket') ?? { unresolved: 'no bucket argument', at: { location: r.location } },
    policy: policyAttr(r, 'policy', lookup),
  }),
  aws_s3_bucket_public_access_block: (b, r) => ({
    ...base(b, r),
    kind: 's3-public-access-block',
    bucket: r.link('bucket') ?? { unresolved: 'no bucket argument', at: { location: r.location } },
    ...accessBlockFlags(r),
  }),
  aws_s3_account_public_access_block: (b, r) => ({ ...base(b, r), kind: 's3-account-public-access-block', ...accessBlockFlags(r) }),
  aws_s3_bucket_acl: (b, r) => {
    const grants = r.all('access_control_policy').flatMap((p) => p.all('grant')).map((g) => g.string('grantee.uri'));
    const uris = grants.filter((g) => g.state === 'set').map((g) => (g.state === 'set' ? g.value : ''));
    const publicUris = uris.filter((u) => /AllUsers|AuthenticatedUsers/.test(u));
    return {
      ...base(b, r),
      kind: 's3-bucket-acl',
      bucket: r.link('bucket') ?? { unresolved: 'no bucket argument', at: { location: r.location } },
      acl: r.string('acl'),
      publicGrants: { state: 'set', value: publicUris, at: { location: r.location } },
    };
  },
  aws_s3_bucket_website_configuration: (b, r) => ({
    ...base(b, r),
    kind: 's3-bucket-website',
    bucket: r.link('bucket') ?? { unresolved: 'no bucket argument', at: { location: r.location } },
  }),
  aws_eks_cluster: (b, r) => ({
    ...base(b, r),
    kind: 'eks-cluster',
    endpointPublicAccess: withDefault(r.bool('vpc_config.endpoint_public_access'), true, 'the aws provider default is `true`'),
    publicAccessCidrs: withDefault(r.strings('vpc_config.public_access_cidrs'), ['0.0.0.0/0'], 'the aws provider default is `["0.0.0.0/0"]`'),
  }),
  google_container_cluster: (b, r) => {
    const networks = r.nested(['master_authorized_networks_config']);
    let authorized: Attr<string[]>;
    if ('block' in networks) {
      const cidrs = new BlockReader(networks.block, r.scope).all('cidr_blocks').map((c) => c.string('cidr_block'));
      const pending = cidrs.find((c) => c.state === 'unknown');
      authorized = pending
        ? pending.state === 'unknown'
          ? { state: 'unknown', at: pending.at, reason: pending.reason }
          : pending
        : { state: 'set', value: cidrs.map((c) => (c.state === 'set' ? c.value : '')), at: { location: networks.block.location } };
    } else if ('dynamic' in networks) {
      authorized = { state: 'unknown', at: { location: networks.dynamic.location }, reason: 'authorized networks come from a dynamic block' };
    } else {
      authorized = { state: 'absent', at: { location: r.location } };
    }
    return {
      ...base(b, r),
      kind: 'gke-cluster',
      privateEndpoint: withDefault(r.bool('private_cluster_config.enable_private_endpoint'), false, 'the google provider default is `false`'),
      authorizedNetworks: authorized,
    };
  },
  azurerm_kubernetes_cluster: (b, r) => {
    const v3 = r.strings('api_server_authorized_ip_ranges');
    const v4 = r.strings('api_server_access_profile.authorized_ip_ranges');
    return {
      ...base(b, r),
      kind: 'aks-cluster',
      privateCluster: withDefault(r.bool('private_cluster_enabled'), false, 'the azurerm provider default is `false`'),
      authorizedIpRanges: v3.state !== 'absent' ? v3 : v4,
    };
  },
  aws_iam_access_key: (b, r) => ({
    ...base(b, r),
    kind: 'static-credential',
    provider: 'aws',
    credential: 'IAM access key',
    owner: owner(r, 'user'),
    active: (() => {
      const status = withDefault(r.string('status'), 'Active', 'the aws provider default is `"Active"`');
      return status.state === 'set' || status.state === 'default' ? { ...status, value: status.value === 'Active' } : status;
    })(),
  }),
  google_service_account_key: (b, r) => ({
    ...base(b, r),
    kind: 'static-credential',
    provider: 'gcp',
    credential: 'service-account key',
    owner: owner(r, 'service_account_id'),
    active: { state: 'default', value: true, at: { location: r.location }, default: 'keys are active until deleted' },
  }),
  azuread_application_password: (b, r) => ({
    ...base(b, r),
    kind: 'static-credential',
    provider: 'azure',
    credential: 'application password (client secret)',
    owner: owner(r, 'application_id', 'application_object_id'),
    active: { state: 'default', value: true, at: { location: r.location }, default: 'active until it expires' },
  }),
  azuread_service_principal_password: (b, r) => ({
    ...base(b, r),
    kind: 'static-credential',
    provider: 'azure',
    credential: 'service principal password',
    owner: owner(r, 'service_principal_id'),
    active: { state: 'default', value: true, at: { location: r.location }, default: 'active until it expires' },
  }),
  aws_iam_user_login_profile: (b, r) => ({ ...base(b, r), kind: 'console-login', user: owner(r, 'user') }),
  azurerm_storage_account: (b, r) => {
    const modern = r.bool('allow_nested_items_to_be_public');
    const legacy = r.bool('allow_blob_public_access');
    return {
      ...base(b, r),
      kind: 'azure-storage-account',
      // azurerm v3+ defaults to true (the Azure API defaults to false: hashicorp/terraform-provider-azurerm#27513).
      allowNestedItemsToBePublic:
        modern.state !== 'absent' ? modern : legacy.state !== 'absent' ? legacy : withDefault(modern, true, 'the azurerm provider default is `true`'),
    };
  },
  azurerm_storage_container: (b, r) => ({
    ...base(b, r),
    kind: 'azure-storage-container',
    accessType: withDefault(r.string('container_access_type'), 'private', 'the azurerm provider default is `"private"`'),
  }),
  google_storage_bucket_iam_member: (b, r) => {
    const member = r.string('member');
    return {
      ...base(b, r),
      kind: 'gcs-public-binding',
      members: member.state === 'set' ? { ...member, value: [member.value] } : member.state === 'unknown' ? member : { state: 'absent', at: member.at },
      role: r.string('role'),
    };
  },
  aws_iam_role: (b, r, lookup) => ({
    ...base(b, r),
    kind: 'iam-role',
    roleName: r.string('name'),
    trustPolicy: policyAttr(r, 'assume_role_policy', lookup),
    inlinePolicies: r.all('inline_policy').map((p) => policyAttr(p, 'policy', lookup)).filter((p) => p.state !== 'absent'),
    managedPolicyArns: listOf(r, 'managed_policy_arns'),
  }),
  aws_iam_policy: (b, r, lookup) => ({ ...base(b, r), kind: 'iam-managed-policy', policy: policyAttr(r, 'policy', lookup) }),
  aws_iam_role_policy: (b, r, lookup) => ({
    ...base(b, r),
    kind: 'iam-role-policy',
    roles: [r.link('role')].filter((l): l is NonNullable<typeof l> => !!l),
    policy: policyAttr(r, 'policy', lookup),
  }),
  aws_iam_role_policy_attachment: (b, r) => ({
    ...base(b, r),
    kind: 'iam-policy-attachment',
    roles: [r.link('role')].filter((l): l is NonNullable<typeof l> => !!l),
    policyArn: r.string('policy_arn'),
    policy: r.link('policy_arn'),
  }),
  aws_iam_policy_attachment: (b, r) => ({
    ...base(b, r),
    kind: 'iam-policy-attachment',
    roles: linksOf(r, 'roles'),
    policyArn: r.string('policy_arn'),
    policy: r.link('policy_arn'),
  }),
  aws_iam_instance_profile: (b, r) => ({ ...base(b, r), kind: 'instance-profile', profileName: r.string('name'), role: r.link('role') }),
  aws_eks_node_group: (b, r) => ({
    ...base(b, r),
    kind: 'eks-node-group',
    nodeRole: r.link('node_role_arn'),
    launchTemplate: optionalLink(r, 'launch_template.id', 'launch_template.name'),
  }),
  aws_vpc_endpoint: (b, r, lookup) => ({
    ...base(b, r),
    kind: 'vpc-endpoint',
    service: r.string('service_name'),
    policy: policyAttr(r, 'policy', lookup),
  }),
  aws_organizations_policy: (b, r, lookup) => ({
    ...base(b, r),
    kind: 'organizations-policy',
    policyType: withDefault(r.string('type'), 'SERVICE_CONTROL_POLICY', 'the aws provider default is `"SERVICE_CONTROL_POLICY"`'),
    content: policyAttr(r, 'content', lookup),
  }),
  google_compute_instance: (b, r) => gcpWorkload(b, r, ['service_account']),
  google_container_node_pool: (b, r) => gcpWorkload(b, r, ['node_config']),
  google_storage_bucket_iam_binding: (b, r) => ({ ...base(b, r), kind: 'gcs-public-binding', members: r.strings('members'), role: r.string('role') }),
  ...TERRAFORM_IAM_ADAPTERS,
};

/** Provider blocks with static keys written into them. */
const PROVIDER_KEYS: Readonly<Record<string, { provider: 'aws' | 'gcp' | 'azure'; attributes: readonly string[] }>> = {
  aws: { provider: 'aws', attributes: ['access_key', 'secret_key'] },
  google: { provider: 'gcp', attributes: ['credentials'] },
  'google-beta': { provider: 'gcp', attributes: ['credentials'] },
  azurerm: { provider: 'azure', attributes: ['client_secret', 'client_certificate_password'] },
  azuread: { provider: 'azure', attributes: ['client_secret'] },
};

/**
 * Well-known registry modules, adapted from their inputs as KICS does for a few: the module's own defaults are
 * not assumed (they changed between major versions), so an input left out is unknown.
 */
const REMOTE_MODULES: Readonly<Record<string, (b: TerraformBlock, r: BlockReader) => Resource>> = {
  'terraform-aws-modules/s3-bucket/aws': (b, r) => {
    // v4.0.0 turned the public access block flags on by default; earlier majors left them off.
    const major = /^\D*(\d+)/.exec(valueOf(r.string('version')) ?? '')?.[1];
    const moduleDefault = major === undefined ? undefined : Number(major) >= 4;
    const flag = (name: string) => {
      const v = r.bool(name);
      if (v.state !== 'absent') return v;
      return moduleDefault === undefined
        ? unknown<boolean>(v.at, `${name} is left to the module's default and the module version is not pinned`)
        : withDefault(v, moduleDefault, `the s3-bucket module v${major} default is \`${moduleDefault}\``);
    };
    const at = { location: r.location };
    return {
      ...base(b, r),
      name: b.address,
      kind: 's3-bucket',
      bucketName: r.string('bucket'),
      acl: r.string('acl'),
      website: { state: 'absent', at },
      publicAccessBlock: {
        blockPublicAcls: flag('block_public_acls'),
        blockPublicPolicy: flag('block_public_policy'),
        ignorePublicAcls: flag('ignore_public_acls'),
        restrictPublicBuckets: flag('restrict_public_buckets'),
        at,
      },
    };
  },
};

/** Maps one evaluated Terraform block to the resource model, or undefined when no guardrail looks at it. */
export function adaptTerraformBlock(block: TerraformBlock, lookup: BlockLookup = () => undefined): Resource | undefined {
  const reader = new BlockReader(block.block, block.scope);
  if (block.kind === 'module') return REMOTE_MODULES[block.type.replace(/\/\/.*$/, '')]?.(block, reader);
  if (block.kind === 'provider') {
    const spec = PROVIDER_KEYS[block.type];
    if (!spec) return undefined;
    const keys = spec.attributes.map((a) => reader.string(a)).filter((a) => a.state !== 'absent');
    if (!keys.length) return undefined;
    return { ...base(block, reader), kind: 'provider-credentials', provider: spec.provider, keys };
  }
  if (block.kind === 'data') {
    if (block.type === 'aws_ami') {
      return { ...base(block, reader), kind: 'ami', imdsSupport: unknown({ location: reader.location }, 'the AMI is looked up when Terraform plans') };
    }
    return undefined;
  }
  return TERRAFORM_ADAPTERS[block.type]?.(block, reader, lookup);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const RELEVANT = new RegExp(
  [
    '\\b(?:variable|locals|module|output)\\s*["{]',
    `\\bprovider\\s*"(?:${Object.keys(PROVIDER_KEYS).map(escape).join('|')})"`,
    `\\b(?:resource|data)\\s*"(?:${[...Object.keys(TERRAFORM_ADAPTERS), 'aws_ami', 'aws_iam_policy_document'].map(escape).join('|')})"`,
  ].join('|'),
);

/** True when a Terraform file may hold something the adapters read; other files need no parsing. */
export function isRelevantTerraform(text: string): boolean {
  return RELEVANT.test(text);
}
