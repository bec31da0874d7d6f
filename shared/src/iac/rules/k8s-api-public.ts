import type { Attr } from '../model/attr';
import type { AksCluster, EksCluster, GkeCluster } from '../model/resources';
import { defineResourceRule } from './resource-rule';

const OPEN = new Set(['0.0.0.0/0', '::/0']);

/** Describes where a value came from, for messages: "set to true" or "not set; the provider default is true". */
function how<T>(attr: Attr<T>, name: string, shown: string): string {
  return attr.state === 'default' ? `\`${name}\` is not set; ${attr.default}` : `\`${name}\` is ${shown}`;
}

export const k8sApiPublic = defineResourceRule({
  id: 'k8s-api-public',
  guardrail: 'k8s-api-private',
  title: 'Kubernetes API is not open to the internet',
  description:
    'EKS, GKE and AKS control planes are private, or their public endpoint is restricted to known networks. An absent setting counts as what the provider does by default.',
  severity: 'high',
  confidence: 'high',
  kinds: ['eks-cluster', 'gke-cluster', 'aks-cluster'],
  messages: {
    eks: '{{name}}: {{access}} and {{cidrs}}, so the EKS API is reachable from the whole internet. Set `endpoint_public_access = false`, or restrict `public_access_cidrs`.',
    gke: '{{name}}: the GKE control plane has a public endpoint and {{networks}}. Enable `private_cluster_config.enable_private_endpoint` or set `master_authorized_networks_config`.',
    aks: '{{name}}: {{private}} and no authorized IP ranges restrict the API server. Set `private_cluster_enabled = true` or `api_server_access_profile.authorized_ip_ranges`.',
  },
  remediation: {
    text: 'Make the control plane private, or restrict its public endpoint to your corporate CIDRs.',
    pavedRoad: 'Private endpoints with access through a VPN or bastion; public CIDRs only for CI runners with fixed egress.',
  },
  anchors: {
    Checkov: ['CKV_AWS_39', 'CKV_AWS_38', 'CKV_GCP_25', 'CKV_GCP_20', 'CKV_GCP_18', 'CKV_AZURE_6', 'CKV_AZURE_115'],
    Trivy: ['AVD-AWS-0040', 'AVD-AWS-0041', 'AVD-GCP-0053', 'AVD-GCP-0061', 'AVD-AZU-0041'],
    KICS: ['42f4b905-3736-4213-bfe9-c0fd8d3efd5a', '61cf9883-1752-4768-b18c-0d57f2737709'],
    Prowler: ['eks_cluster_not_publicly_accessible'],
    'Security Hub': ['EKS.1'],
  },
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html',
    'https://cloud.google.com/kubernetes-engine/docs/concepts/private-cluster-concept',
    'https://learn.microsoft.com/en-us/azure/aks/api-server-authorized-ip-ranges',
  ],
  examples: {
    terraform: {
      bad: [
        {
          files: 'resource "aws_eks_cluster" "main" {\n  name     = "main"\n  role_arn = "arn:aws:iam::111122223333:role/eks"\n  vpc_config {\n    subnet_ids = ["subnet-1"]\n  }\n}\n',
          expect: [{ line: 4, messageId: 'eks' }],
        },
        {
          files: 'resource "aws_eks_cluster" "main" {\n  vpc_config {\n    endpoint_public_access = true\n    public_access_cidrs    = ["0.0.0.0/0"]\n  }\n}\n',
          expect: [{ line: 3, messageId: 'eks' }],
        },
        { files: 'resource "google_container_cluster" "gke" {\n  name = "gke"\n}\n', expect: [{ line: 1, messageId: 'gke' }] },
        { files: 'resource "azurerm_kubernetes_cluster" "aks" {\n  name = "aks"\n}\n', expect: [{ line: 1, messageId: 'aks' }] },
      ],
      good: [
        { files: 'resource "aws_eks_cluster" "main" {\n  vpc_config {\n    endpoint_public_access = false\n  }\n}\n', expect: [], why: 'private endpoint only' },
        { files: 'resource "aws_eks_cluster" "main" {\n  vpc_config {\n    public_access_cidrs = ["203.0.113.0/24"]\n  }\n}\n', expect: [], why: 'public endpoint restricted to a known network' },
        {
          files: 'resource "google_container_cluster" "gke" {\n  master_authorized_networks_config {\n    cidr_blocks {\n      cidr_block = "10.0.0.0/8"\n    }\n  }\n}\n',
          expect: [],
          why: 'authorized networks set',
        },
        { files: 'resource "azurerm_kubernetes_cluster" "aks" {\n  api_server_authorized_ip_ranges = ["203.0.113.0/24"]\n}\n', expect: [], why: 'azurerm v3 authorized ranges' },
        {
          files: 'resource "azurerm_kubernetes_cluster" "aks" {\n  api_server_access_profile {\n    authorized_ip_ranges = ["203.0.113.0/24"]\n  }\n}\n',
          expect: [],
          why: 'azurerm v4 authorized ranges',
        },
        {
          files: 'variable "public" {}\nresource "aws_eks_cluster" "main" {\n  vpc_config {\n    endpoint_public_access = var.public\n  }\n}\n',
          expect: [],
          undecided: true,
          why: 'an unresolved variable is unknown, not a failure',
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          files: 'Resources:\n  Cluster:\n    Type: AWS::EKS::Cluster\n    Properties:\n      RoleArn: arn:aws:iam::111122223333:role/eks\n      ResourcesVpcConfig:\n        SubnetIds: [subnet-1]\n',
          expect: [{ line: 2, messageId: 'eks' }],
        },
      ],
      good: [
        {
          files: 'Parameters:\n  Public:\n    Type: String\n    Default: "false"\nResources:\n  Cluster:\n    Type: AWS::EKS::Cluster\n    Properties:\n      ResourcesVpcConfig:\n        EndpointPublicAccess: !Ref Public\n',
          expect: [],
          why: 'a parameter default turns the public endpoint off',
        },
      ],
    },
  },
  check(r, ctx) {
    switch (r.kind) {
      case 'eks-cluster':
        return checkEks(r, ctx);
      case 'gke-cluster':
        return checkGke(r, ctx);
      case 'aks-cluster':
        return checkAks(r, ctx);
    }
  },
});

type Ctx = Parameters<(typeof k8sApiPublic)['check']>[1];

function checkEks(r: EksCluster, ctx: Ctx): void {
  const access = r.endpointPublicAccess;
  const cidrs = r.publicAccessCidrs;
  if (access.state === 'unknown') return ctx.undecided(`endpoint_public_access of ${r.name}: ${access.reason}`, access.at);
  if (access.state === 'absent' || access.value === false) return;
  if (cidrs.state === 'unknown') return ctx.undecided(`public_access_cidrs of ${r.name}: ${cidrs.reason}`, cidrs.at);
  if (cidrs.state === 'absent' || !cidrs.value.some((c) => OPEN.has(c))) return;
  // Point at the explicit setting when there is one, else at the block that omits it.
  const at = access.state === 'set' ? access.at : cidrs.state === 'set' ? cidrs.at : access.at;
  ctx.report({
    messageId: 'eks',
    at,
    data: { name: r.name, access: how(access, 'endpoint_public_access', 'true'), cidrs: how(cidrs, 'public_access_cidrs', 'open to 0.0.0.0/0') },
  });
}

function checkGke(r: GkeCluster, ctx: Ctx): void {
  const priv = r.privateEndpoint;
  const nets = r.authorizedNetworks;
  if (priv.state === 'unknown') return ctx.undecided(`enable_private_endpoint of ${r.name}: ${priv.reason}`, priv.at);
  if (priv.state !== 'absent' && priv.value === true) return;
  if (nets.state === 'unknown') return ctx.undecided(`authorized networks of ${r.name}: ${nets.reason}`, nets.at);
  if ((nets.state === 'set' || nets.state === 'default') && nets.value.length > 0 && !nets.value.some((c) => OPEN.has(c))) return;
  const networks = nets.state === 'absent' ? 'no master authorized networks' : 'authorized networks include 0.0.0.0/0';
  ctx.report({ messageId: 'gke', at: nets.state === 'set' ? nets.at : r.site, data: { name: r.name, networks } });
}

function checkAks(r: AksCluster, ctx: Ctx): void {
  const priv = r.privateCluster;
  const ranges = r.authorizedIpRanges;
  if (priv.state === 'unknown') return ctx.undecided(`private_cluster_enabled of ${r.name}: ${priv.reason}`, priv.at);
  if (priv.state !== 'absent' && priv.value === true) return;
  if (ranges.state === 'unknown') return ctx.undecided(`authorized IP ranges of ${r.name}: ${ranges.reason}`, ranges.at);
  if ((ranges.state === 'set' || ranges.state === 'default') && ranges.value.length > 0 && !ranges.value.some((c) => OPEN.has(c))) return;
  ctx.report({ messageId: 'aks', at: priv.state === 'set' ? priv.at : r.site, data: { name: r.name, private: how(priv, 'private_cluster_enabled', 'false') } });
}
