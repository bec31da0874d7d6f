import type { Attr, Link, Site } from './attr';
import type { PolicyDocument } from './policy-document';

/** Where a resource comes from. */
export type ResourceOrigin = 'terraform' | 'cloudformation' | 'aws';

interface ResourceBase {
  /** Terraform address (`module.app.aws_instance.web`), CloudFormation logical id, or ARN. Unique in a model. */
  address: string;
  /** The source type, e.g. `aws_instance` or `AWS::EC2::Instance`. */
  type: string;
  origin: ResourceOrigin;
  /** The whole resource block or the live resource. */
  site: Site;
  /** A short, stable name to show (`aws_instance.web`, `WebServer`). */
  name: string;
}

/** IMDS settings shared by instances, launch templates and launch configurations. */
export interface MetadataOptions {
  httpTokens: Attr<string>;
  httpEndpoint: Attr<string>;
}

export interface Ec2Instance extends ResourceBase, MetadataOptions {
  kind: 'ec2-instance';
  ami: Attr<string>;
  /** The AMI resource in the same code, when the instance uses one (`data.aws_ami.x.id`). */
  amiLink?: Link | undefined;
  launchTemplate?: Link | undefined;
  instanceProfile?: Link | undefined;
}

export interface LaunchTemplate extends ResourceBase, MetadataOptions {
  kind: 'launch-template';
  ami: Attr<string>;
  amiLink?: Link | undefined;
  instanceProfile?: Link | undefined;
}

export interface LaunchConfiguration extends ResourceBase, MetadataOptions {
  kind: 'launch-configuration';
  ami: Attr<string>;
  amiLink?: Link | undefined;
  instanceProfile?: Link | undefined;
}

export interface AutoScalingGroup extends ResourceBase {
  kind: 'autoscaling-group';
  launchTemplate?: Link | undefined;
  launchConfiguration?: Link | undefined;
}

/** An AMI defined or looked up in the code; `imdsSupport = "v2.0"` makes IMDSv2 the launch default. */
export interface Ami extends ResourceBase {
  kind: 'ami';
  imdsSupport: Attr<string>;
}

/** The account-and-region default for new instances (`aws_ec2_instance_metadata_defaults`). */
export interface InstanceMetadataDefaults extends ResourceBase {
  kind: 'imds-defaults';
  httpTokens: Attr<string>;
  httpEndpoint: Attr<string>;
}

export interface PublicAccessBlockFlags {
  blockPublicAcls: Attr<boolean>;
  blockPublicPolicy: Attr<boolean>;
  ignorePublicAcls: Attr<boolean>;
  restrictPublicBuckets: Attr<boolean>;
}

export interface S3Bucket extends ResourceBase {
  kind: 's3-bucket';
  bucketName: Attr<string>;
  acl: Attr<string>;
  /** Static website hosting configured on the bucket. */
  website: Attr<boolean>;
  /** Inline public access block (CloudFormation `PublicAccessBlockConfiguration`). */
  publicAccessBlock?: PublicAccessBlockFlags & { at: Site };
  /** Inline policy (legacy Terraform `policy` argument). */
  policy?: Attr<PolicyDocument>;
}

export interface S3BucketPublicAccessBlock extends ResourceBase, PublicAccessBlockFlags {
  kind: 's3-public-access-block';
  bucket: Link;
}

export interface S3AccountPublicAccessBlock extends ResourceBase, PublicAccessBlockFlags {
  kind: 's3-account-public-access-block';
}

export interface S3BucketAcl extends ResourceBase {
  kind: 's3-bucket-acl';
  bucket: Link;
  acl: Attr<string>;
  /** Grants to the AllUsers / AuthenticatedUsers groups. */
  publicGrants: Attr<string[]>;
}

export interface S3BucketPolicy extends ResourceBase {
  kind: 's3-bucket-policy';
  bucket: Link;
  policy: Attr<PolicyDocument>;
}

export interface S3BucketWebsite extends ResourceBase {
  kind: 's3-bucket-website';
  bucket: Link;
}

export interface EksCluster extends ResourceBase {
  kind: 'eks-cluster';
  endpointPublicAccess: Attr<boolean>;
  publicAccessCidrs: Attr<string[]>;
}

export interface GkeCluster extends ResourceBase {
  kind: 'gke-cluster';
  /** `private_cluster_config.enable_private_endpoint`. */
  privateEndpoint: Attr<boolean>;
  /** CIDRs of `master_authorized_networks_config`; absent when the block is absent. */
  authorizedNetworks: Attr<string[]>;
}

export interface AksCluster extends ResourceBase {
  kind: 'aks-cluster';
  privateCluster: Attr<boolean>;
  /** `api_server_authorized_ip_ranges` (azurerm v3) or `api_server_access_profile.authorized_ip_ranges` (v4). */
  authorizedIpRanges: Attr<string[]>;
}

/** A long-lived cloud credential created by the code. */
export interface StaticCredential extends ResourceBase {
  kind: 'static-credential';
  provider: 'aws' | 'gcp' | 'azure';
  /** What the credential is, e.g. `IAM access key`, `service-account key`. */
  credential: string;
  /** Who it belongs to (user, service account, application), when known. */
  owner: Attr<string>;
  /** Whether the credential is active (`status = "Inactive"` keys are lower risk). */
  active: Attr<boolean>;
}

/** Static keys written into a provider configuration. */
export interface ProviderCredentials extends ResourceBase {
  kind: 'provider-credentials';
  provider: 'aws' | 'gcp' | 'azure';
  /** The attribute that holds the key (`access_key`, `secret_key`, `credentials`, `client_secret`). */
  keys: Attr<string>[];
}

/** A human console login for an IAM user. */
export interface ConsoleLogin extends ResourceBase {
  kind: 'console-login';
  user: Attr<string>;
  /** Whether the user has an MFA device (live credential report); code cannot say. */
  mfaActive?: Attr<boolean> | undefined;
}

/**
 * An IAM user's access key as it exists in an account (live only). Ages are whole days at scan time, computed by
 * the collector so that checks stay free of clocks.
 */
export interface IamAccessKey extends ResourceBase {
  kind: 'iam-access-key';
  user: Attr<string>;
  /** The key id shortened for display (`AKIA…WXYZ`); the full id never enters findings. */
  keyLabel: string;
  active: Attr<boolean>;
  /** Days since the key was created (or last rotated). */
  ageDays: Attr<number>;
  /** Days since the key was last used; `absent` when it was never used. */
  unusedDays: Attr<number>;
}

/** The scanned AWS account itself (live only): its place in AWS Organizations. */
export interface AwsAccount extends ResourceBase {
  kind: 'aws-account';
  accountId: string;
  /** True when the account is its organization's management account; false for members and standalone accounts. */
  isManagementAccount: Attr<boolean>;
}

export interface AzureStorageAccount extends ResourceBase {
  kind: 'azure-storage-account';
  allowNestedItemsToBePublic: Attr<boolean>;
}

export interface AzureStorageContainer extends ResourceBase {
  kind: 'azure-storage-container';
  accessType: Attr<string>;
}

export interface GcsBucketBinding extends ResourceBase {
  kind: 'gcs-public-binding';
  /** The members of the binding (`allUsers`, `allAuthenticatedUsers`, ...). */
  members: Attr<string[]>;
  role: Attr<string>;
}

export interface IamRole extends ResourceBase {
  kind: 'iam-role';
  roleName: Attr<string>;
  /** Who may assume the role. */
  trustPolicy: Attr<PolicyDocument>;
  /** Policies written into the role (`inline_policy` blocks, CloudFormation `Policies`). */
  inlinePolicies: Attr<PolicyDocument>[];
  /** Managed policy ARNs attached on the role itself (`managed_policy_arns`, `ManagedPolicyArns`). */
  managedPolicyArns: Attr<string>[];
}

/** A customer-managed policy (`aws_iam_policy`, `AWS::IAM::ManagedPolicy`). */
export interface IamManagedPolicy extends ResourceBase {
  kind: 'iam-managed-policy';
  policy: Attr<PolicyDocument>;
}

/** A policy embedded in a role by a separate resource (`aws_iam_role_policy`, `AWS::IAM::Policy`). */
export interface IamRolePolicy extends ResourceBase {
  kind: 'iam-role-policy';
  roles: Link[];
  policy: Attr<PolicyDocument>;
}

/** A managed policy attached to roles (`aws_iam_role_policy_attachment`, `aws_iam_policy_attachment`). */
export interface IamPolicyAttachment extends ResourceBase {
  kind: 'iam-policy-attachment';
  roles: Link[];
  /** The ARN when known (AWS managed policies are literal ARNs). */
  policyArn: Attr<string>;
  /** The customer-managed policy in the same code, when the ARN refers to one. */
  policy?: Link | undefined;
}

export interface InstanceProfile extends ResourceBase {
  kind: 'instance-profile';
  /** Instance profile name, for links made by name. */
  profileName: Attr<string>;
  role?: Link | undefined;
}

export interface EksNodeGroup extends ResourceBase {
  kind: 'eks-node-group';
  nodeRole?: Link | undefined;
  launchTemplate?: Link | undefined;
}

export interface VpcEndpoint extends ResourceBase {
  kind: 'vpc-endpoint';
  service: Attr<string>;
  /** Absent means the default full-access policy. */
  policy: Attr<PolicyDocument>;
}

/** An AWS Organizations policy (SCP, RCP, ...). */
export interface OrganizationsPolicy extends ResourceBase {
  kind: 'organizations-policy';
  policyType: Attr<string>;
  content: Attr<PolicyDocument>;
}

/** A GCE instance or GKE node pool and the service account its workloads run as. */
export interface GcpWorkload extends ResourceBase {
  kind: 'gcp-workload';
  /** The service account email; absent with a block present means the default compute service account. */
  serviceAccount: Attr<string>;
  /** Whether a service account is attached at all (a GCE instance without the block runs without one). */
  hasServiceAccount: boolean;
  scopes: Attr<string[]>;
}

/** A GCP workload identity pool provider: which external tokens may act as the pool's identities. */
export interface GcpWorkloadIdentityProvider extends ResourceBase {
  kind: 'gcp-wif-provider';
  /** `oidc.issuer_uri`; absent for AWS and SAML providers. */
  issuerUri: Attr<string>;
  /** The CEL expression every token must satisfy (`attribute_condition`). */
  attributeCondition: Attr<string>;
}

/** An Entra ID federated identity credential of an application or a managed identity. */
export interface AzureFederatedCredential extends ResourceBase {
  kind: 'azure-federated-credential';
  issuer: Attr<string>;
  /** Entra compares the subject exactly: wildcards are literal characters. */
  subject: Attr<string>;
}

export type Resource =
  | Ec2Instance
  | LaunchTemplate
  | LaunchConfiguration
  | AutoScalingGroup
  | Ami
  | InstanceMetadataDefaults
  | S3Bucket
  | S3BucketPublicAccessBlock
  | S3AccountPublicAccessBlock
  | S3BucketAcl
  | S3BucketPolicy
  | S3BucketWebsite
  | EksCluster
  | GkeCluster
  | AksCluster
  | StaticCredential
  | ProviderCredentials
  | ConsoleLogin
  | IamAccessKey
  | AwsAccount
  | AzureStorageAccount
  | AzureStorageContainer
  | GcsBucketBinding
  | IamRole
  | IamManagedPolicy
  | IamRolePolicy
  | IamPolicyAttachment
  | InstanceProfile
  | EksNodeGroup
  | VpcEndpoint
  | OrganizationsPolicy
  | GcpWorkload
  | GcpWorkloadIdentityProvider
  | AzureFederatedCredential;

export type ResourceKind = Resource['kind'];
export type ResourceOfKind<K extends ResourceKind> = Extract<Resource, { kind: K }>;

/** The resources of one source tree, by address, with links resolvable. */
export class ResourceModel {
  readonly #byAddress = new Map<string, Resource>();
  // Rules ask for one kind per resource they check: an index keeps that linear on large (live) models.
  readonly #byKind = new Map<ResourceKind, Resource[]>();

  constructor(readonly resources: readonly Resource[]) {
    for (const r of resources) {
      this.#byAddress.set(r.address, r);
      const same = this.#byKind.get(r.kind);
      if (same) same.push(r);
      else this.#byKind.set(r.kind, [r]);
    }
  }

  get(address: string | undefined): Resource | undefined {
    return address === undefined ? undefined : this.#byAddress.get(address);
  }

  /** The linked resource when it exists in the model and has the expected kind. */
  follow<K extends ResourceKind>(link: Link | undefined, kind: K): ResourceOfKind<K> | undefined {
    const target = this.get(link?.target);
    return target?.kind === kind ? (target as ResourceOfKind<K>) : undefined;
  }

  ofKind<K extends ResourceKind>(kind: K): ResourceOfKind<K>[] {
    return ((this.#byKind.get(kind) ?? []) as ResourceOfKind<K>[]).slice();
  }
}
