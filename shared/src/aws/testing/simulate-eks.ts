import type { SimulatedAccountSpec } from './simulated-account-spec';
import { jsonResponse, page, restJsonError } from './aws-wire';

/** EKS in one region, as the simulated account answers it (REST-JSON). */
export class EksSimulator {
  constructor(private readonly spec: SimulatedAccountSpec) {}

  /** The operation a path names: `/clusters`, `/clusters/x`, `/clusters/x/node-groups`, `/clusters/x/node-groups/y`. */
  static operation(path: string): string {
    const parts = path.split('/').filter(Boolean);
    return ['ListClusters', 'DescribeCluster', 'ListNodegroups', 'DescribeNodegroup'][parts.length - 1] ?? 'Unknown';
  }

  respond(region: string, path: string, query: URLSearchParams): Response {
    const clusters = this.spec.regions[region]?.clusters ?? [];
    const [, name, , group] = path.split('/').filter(Boolean).map(decodeURIComponent);
    const size = Math.min(Number(query.get('maxResults') ?? 100), this.spec.pageSize ?? Infinity);
    const start = Number(query.get('nextToken') ?? 0);
    const arn = (n: string) => `arn:aws:eks:${region}:${this.spec.accountId}:cluster/${n}`;
    switch (EksSimulator.operation(path)) {
      case 'ListClusters': {
        const { items, next } = page(clusters, start, size);
        return jsonResponse({ clusters: items.map((c) => c.name), ...(next !== undefined ? { nextToken: String(next) } : {}) });
      }
      case 'DescribeCluster': {
        const c = clusters.find((x) => x.name === name);
        if (!c) return restJsonError('ResourceNotFoundException', 404);
        return jsonResponse({
          cluster: {
            name: c.name,
            arn: arn(c.name),
            version: '1.31',
            status: 'ACTIVE',
            resourcesVpcConfig: { endpointPublicAccess: c.publicAccess, endpointPrivateAccess: !c.publicAccess, publicAccessCidrs: c.publicAccess ? (c.publicAccessCidrs ?? ['0.0.0.0/0']) : [] },
            ...(c.tags ? { tags: c.tags } : {}),
          },
        });
      }
      case 'ListNodegroups': {
        const c = clusters.find((x) => x.name === name);
        if (!c) return restJsonError('ResourceNotFoundException', 404);
        const { items, next } = page(c.nodegroups ?? [], start, size);
        return jsonResponse({ nodegroups: items.map((n) => n.name), ...(next !== undefined ? { nextToken: String(next) } : {}) });
      }
      case 'DescribeNodegroup': {
        const n = clusters.find((x) => x.name === name)?.nodegroups?.find((x) => x.name === group);
        if (!n || !name) return restJsonError('ResourceNotFoundException', 404);
        return jsonResponse({
          nodegroup: { nodegroupName: n.name, clusterName: name, nodegroupArn: `arn:aws:eks:${region}:${this.spec.accountId}:nodegroup/${name}/${n.name}/sim`, nodeRole: `arn:aws:iam::${this.spec.accountId}:role/${n.role}`, status: 'ACTIVE' },
        });
      }
      default:
        return restJsonError('UnknownOperationException', 404);
    }
  }
}
