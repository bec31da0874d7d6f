import { DescribeClusterCommand, DescribeNodegroupCommand, paginateListClusters, paginateListNodegroups } from '@aws-sdk/client-eks';
import { absent, set } from '../../iac/model/attr';
import type { EksCluster, EksNodeGroup } from '../../iac/model/resources';
import type { ScanContext } from '../session/scan-context';
import type { LiveInventory } from './live-inventory';
import { liveSite } from './live-inventory';

/** One region's EKS clusters (endpoint access and public CIDRs) and managed node groups (node roles). */
export async function collectEksRegion(ctx: ScanContext, inventory: LiveInventory, region: string): Promise<void> {
  const eks = ctx.clients.eks(region);
  const account = inventory.accountId;
  const names = await ctx.step({ service: 'eks', operation: 'ListClusters', region, guardrails: ['k8s-api-private', 'least-privilege-workloads'] }, async (abortSignal) => {
    const out: string[] = [];
    for await (const page of paginateListClusters({ client: eks, pageSize: 100 }, {}, { abortSignal })) out.push(...(page.clusters ?? []));
    return out;
  });
  for (const name of names ?? []) {
    const cluster = await ctx.step({ service: 'eks', operation: 'DescribeCluster', region, guardrails: ['k8s-api-private', 'least-privilege-workloads'] }, async (abortSignal) =>
      (await eks.send(new DescribeClusterCommand({ name }), { abortSignal })).cluster,
    );
    if (!cluster) continue;
    const arn = cluster.arn ?? `arn:aws:eks:${region}:${account}:cluster/${name}`;
    const site = liveSite(account, arn, region);
    const vpc = cluster.resourcesVpcConfig;
    const resource: EksCluster = {
      kind: 'eks-cluster',
      address: arn,
      type: 'AWS::EKS::Cluster',
      origin: 'aws',
      site,
      name,
      endpointPublicAccess: vpc?.endpointPublicAccess === undefined ? absent(site) : set(vpc.endpointPublicAccess, site),
      publicAccessCidrs: vpc?.publicAccessCidrs ? set(vpc.publicAccessCidrs, site) : absent(site),
    };
    inventory.addRegional(region, resource, { endpointPrivateAccess: vpc?.endpointPrivateAccess ?? false, ...(cluster.version ? { kubernetesVersion: cluster.version } : {}) });
    inventory.addTags(arn, cluster.tags);
    inventory.counts.clusters++;

    const groups = await ctx.step({ service: 'eks', operation: 'ListNodegroups', region, guardrails: ['least-privilege-workloads'] }, async (abortSignal) => {
      const out: string[] = [];
      for await (const page of paginateListNodegroups({ client: eks, pageSize: 100 }, { clusterName: name }, { abortSignal })) out.push(...(page.nodegroups ?? []));
      return out;
    });
    for (const group of groups ?? []) {
      const ng = await ctx.step({ service: 'eks', operation: 'DescribeNodegroup', region, guardrails: ['least-privilege-workloads'] }, async (abortSignal) =>
        (await eks.send(new DescribeNodegroupCommand({ clusterName: name, nodegroupName: group }), { abortSignal })).nodegroup,
      );
      if (!ng) continue;
      const ngArn = ng.nodegroupArn ?? `arn:aws:eks:${region}:${account}:nodegroup/${name}/${group}`;
      const ngSite = liveSite(account, ngArn, region);
      const nodeGroup: EksNodeGroup = {
        kind: 'eks-node-group',
        address: ngArn,
        type: 'AWS::EKS::Nodegroup',
        origin: 'aws',
        site: ngSite,
        name: `${name}/${group}`,
        nodeRole: ng.nodeRole ? { target: ng.nodeRole, at: ngSite } : undefined,
      };
      inventory.addRegional(region, nodeGroup);
      inventory.addTags(ngArn, ng.tags);
    }
  }
}
